import { describe, expect, it } from 'vitest';
import { neutraliseCsvCell } from './csv-safety.ts';

describe('neutraliseCsvCell', () => {
  it.each(['=1+1', '+x', '-x', '@x', '\tx', '\rx', '=HYPERLINK("http://evil")'])('prefixes %j with an apostrophe', (value) => {
    expect(neutraliseCsvCell(value)).toBe(`'${value}`);
  });

  it.each(['Eurodac', '', '1-2', 'x=1', 'a@b.org', ' =1', "'already quoted", 'mail\tbox'])('leaves %j unchanged', (value) => {
    expect(neutraliseCsvCell(value)).toBe(value);
  });
});
