import { h, Fragment } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { GlossaryText, glossaryLinks } from './glossary-text.tsx';

const text = (t: string, linked?: Set<string>) => renderToString(h(GlossaryText, { text: t, linked }));
const node = (t: string, linked: Set<string>) => h(GlossaryText, { text: t, linked });

describe('glossary terms in a page\'s text', () => {
  it('links a term, keeping the text as written, and leaves other words alone', () => {
    expect(text('Selfies checked by Facial Recognition against a watch list.'))
      .toBe('Selfies checked by <a class="term" href="/glossary/facial-recognition-technology">Facial Recognition</a> against a watch list.');
    expect(text('No term here: faces, recognition.')).toBe('No term here: faces, recognition.');
  });

  it('prefers the longest alias and matches whole words only', () => {
    expect(text('remote biometric identification in AIrports'))
      .toBe('<a class="term" href="/glossary/remote-biometric-identification">remote biometric identification</a> in AIrports');
  });

  it('links each term once per page, across every text that shares the set, and skips the terms it is told to', () => {
    const linked = glossaryLinks();
    expect(renderToString(h(Fragment, null, h('p', null, node('profiling and profiling', linked)), h('p', null, node('more profiling', linked)))))
      .toBe('<p><a class="term" href="/glossary/profiling">profiling</a> and profiling</p><p>more profiling</p>');
    expect(text('Profiling is a form of automated decision-making.', glossaryLinks('profiling')))
      .toBe('Profiling is a form of <a class="term" href="/glossary/automated-decision-making">automated decision-making</a>.');
  });

  it('renders the briefing\'s own marks: footnote numbers and emphasis', () => {
    expect(text('Profiling of people.<sup>4</sup> ***Ban it.***'))
      .toBe('<a class="term" href="/glossary/profiling">Profiling</a> of people.<sup>4</sup> <strong><em>Ban it.</em></strong>');
  });

  it('escapes the text it is given', () => {
    expect(text('<script>alert(1)</script> AI'))
      .toBe('&lt;script>alert(1)&lt;/script> <a class="term" href="/glossary/artificial-intelligence">AI</a>');
  });
});
