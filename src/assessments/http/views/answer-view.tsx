import type { Translator } from '../../../platform/i18n/i18n.ts';
import { anchorOf, answerSource, type Answers } from '../../domain/answers.ts';
import { holds, isAnswered, type Column, type Definition, type Question, type Section } from '../../domain/definition.ts';
import { local } from './questionnaire-form.tsx';

// Answers as they read (the review page, the published findings): each question with its answer in
// words — choices by their label in the reader's language, tables as their rows. Answers stay in the
// language they were written in.

function valueText(i18n: Translator, field: Question | Column, value: unknown): string {
  if (value === 'unknown' && field.unknown) return i18n.t('assessment.form.unknown');
  switch (field.type) {
    case 'boolean': return value === true ? i18n.t('assessment.form.yes') : value === false ? i18n.t('assessment.form.no') : '';
    case 'choice': return local(i18n, field.options?.find((o) => o.value === value)?.label) || String(value);
    case 'multichoice': return Array.isArray(value) ? i18n.list(value.map((v) => local(i18n, field.options?.find((o) => o.value === v)?.label) || String(v))) : '';
    case 'date': return typeof value === 'string' ? i18n.date(value) : '';
    case 'number': return typeof value === 'number' ? `${i18n.number(value)}${field.unit ? ` ${field.unit}` : ''}` : '';
    case 'links': return Array.isArray(value) ? value.join('\n') : '';
    default: return typeof value === 'string' ? value : '';
  }
}

function Value({ i18n, field, value }: { i18n: Translator; field: Question | Column; value: unknown }) {
  if (field.type === 'links' && Array.isArray(value)) {
    return <ul class="plain">{value.map((v) => <li>{/^https?:\/\//.test(String(v)) ? <a href={String(v)} rel="nofollow noopener noreferrer">{String(v)}</a> : <bdi>{String(v)}</bdi>}</li>)}</ul>;
  }
  const text = valueText(i18n, field, value);
  return field.type === 'longtext' ? <div class="answer-text">{text}</div> : <>{text}</>;
}

/** One question's answer, or a note that it has none, or that it was withheld. */
function QuestionAnswer({ i18n, q, answers, withheld, level }: { i18n: Translator; q: Question; answers: Answers; withheld?: string | undefined; level: 3 | 4 }) {
  const Heading = level === 3 ? 'h3' : 'h4';
  const t = i18n.t;
  const value = answers[q.id];
  return (
    <div class="qa" id={`a-${anchorOf(q.id)}`}>
      <Heading>{local(i18n, q.label)}</Heading>
      {withheld ? <p class="muted">{t('assessment.findings.withheld', { reason: t(`assessment.redaction.${withheld}` as never) })}</p>
        : !isAnswered(value) ? <p class="muted">{t('assessment.answer.none')}</p>
        : q.type === 'table' ? (
          <ol class="rows">
            {(value as Record<string, unknown>[]).map((row) => (
              <li>
                <dl class="facts">
                  {q.columns!.filter((c) => isAnswered(row[c.id])).map((c) => <><dt>{local(i18n, c.label)}</dt><dd><Value i18n={i18n} field={c} value={row[c.id]} /></dd></>)}
                </dl>
              </li>
            ))}
          </ol>
        ) : <Value i18n={i18n} field={q} value={value} />}
    </div>
  );
}

/** The questions of a section that apply, with their answers. */
export function SectionAnswers({ i18n, definition, section, answers, withheld = new Map(), level }: { i18n: Translator; definition: Definition; section: Section; answers: Answers; withheld?: ReadonlyMap<string, string>; level: 3 | 4 }) {
  const valueOf = answerSource(answers);
  return (
    <>
      {section.questions.filter((q) => holds(q.when, definition, valueOf)).map((q) => <QuestionAnswer i18n={i18n} q={q} answers={answers} withheld={withheld.get(q.id)} level={level} />)}
    </>
  );
}

/** The sections of a definition that apply to these answers. */
export const applicableSections = (definition: Definition, answers: Answers) => definition.sections.filter((s) => holds(s.when, definition, answerSource(answers)));
