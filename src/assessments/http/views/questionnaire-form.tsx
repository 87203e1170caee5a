import type { Translator } from '../../../platform/i18n/i18n.ts';
import { errorText } from '../../../platform/views/forms.tsx';
import { anchorOf, fieldName, formRows, isScale, type FormErrors, type FormState } from '../../domain/answers.ts';
import type { Column, Localised, Question } from '../../domain/definition.ts';

// The questionnaire's fields, generated from its definition: one widget per question type, each
// with its label, help text and error, and an id equal to the anchor that submission's list of
// missing answers links to. A table is a list of rows (each a group of fields) plus one empty row to
// fill in; more rows come with "save and add a row" (no JavaScript needed).

export const local = (i18n: Translator, text: Localised | undefined) => (text ? text[i18n.locale] ?? text.en : '');

/** `inRow`: a table cell, whose help is given once above the table and whose choices sit on one line. */
type FieldProps = { i18n: Translator; field: Question | Column; name: string; id: string; value: string | string[]; error: string | undefined; label: string; inRow?: boolean };

const one = (v: string | string[]) => (Array.isArray(v) ? v[v.length - 1] ?? '' : v);

function Described({ i18n, id, help, error }: { i18n: Translator; id: string; help: string; error: string | undefined }) {
  return (
    <>
      {help && <p class="hint" id={`${id}-hint`}>{help}</p>}
      {error && <p class="field-error" id={`${id}-error`}><span class="visually-hidden">{i18n.t('form.errorPrefix')} </span>{errorText(i18n, error)}</p>}
    </>
  );
}

const describedBy = (id: string, help: string, error: string | undefined) => [help ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** The options of a closed question, with "unknown" where the definition allows it. */
function optionsOf(i18n: Translator, field: Question | Column): { value: string; label: string }[] {
  const unknown = field.unknown ? [{ value: 'unknown', label: i18n.t('assessment.form.unknown') }] : [];
  if (field.type === 'boolean') return [{ value: 'yes', label: i18n.t('assessment.form.yes') }, { value: 'no', label: i18n.t('assessment.form.no') }, ...unknown];
  if (isScale(field)) {
    const values: { value: string; label: string }[] = [];
    for (let n = field.min!; n <= field.max!; n++) values.push({ value: String(n), label: i18n.number(n) });
    return [...values, ...unknown];
  }
  return [...(field.options ?? []).map((o) => ({ value: o.value, label: local(i18n, o.label) })), ...unknown];
}

function Widget({ i18n, field, name, id, value, error, label, inRow = false }: FieldProps) {
  const help = inRow ? '' : local(i18n, field.help);
  const invalid = error ? 'true' : undefined;
  const described = describedBy(id, help, error);
  const closed = field.type === 'boolean' || field.type === 'choice' || isScale(field);
  if (field.type === 'multichoice') {
    const chosen = new Set(Array.isArray(value) ? value : value ? [value] : []);
    return (
      <fieldset class={`field${inRow ? ' inline' : ''}${error ? ' field-invalid' : ''}`} id={id} aria-describedby={described}>
        <legend>{label}</legend>
        <Described i18n={i18n} id={id} help={help} error={error} />
        {(field.options ?? []).map((o, k) => (
          <div class="choice">
            <input type="checkbox" id={`${id}-${k}`} name={name} value={o.value} checked={chosen.has(o.value)} />
            {' '}<label for={`${id}-${k}`}>{local(i18n, o.label)}</label>
          </div>
        ))}
      </fieldset>
    );
  }
  if (closed) {
    const options = optionsOf(i18n, field);
    const current = one(value);
    // Few options read best as radios; the first one carries the anchor.
    if (options.length <= 5) {
      return (
        <fieldset class={`field${inRow ? ' inline' : ''}${error ? ' field-invalid' : ''}`} aria-describedby={described}>
          <legend>{label}</legend>
          <Described i18n={i18n} id={id} help={help} error={error} />
          {options.map((o, k) => (
            <div class="choice">
              <input type="radio" id={k === 0 ? id : `${id}-${k}`} name={name} value={o.value} checked={current === o.value} aria-invalid={invalid} />
              {' '}<label for={k === 0 ? id : `${id}-${k}`}>{o.label}</label>
            </div>
          ))}
          {current !== '' && <div class="choice"><input type="radio" id={`${id}-none`} name={name} value="" /> <label for={`${id}-none`}>{i18n.t('assessment.form.clear')}</label></div>}
        </fieldset>
      );
    }
    return (
      <div class={`field${error ? ' field-invalid' : ''}`}>
        <label for={id}>{label}</label>
        <Described i18n={i18n} id={id} help={help} error={error} />
        <select id={id} name={name} aria-invalid={invalid} aria-describedby={described}>
          <option value="">{i18n.t('assessment.form.choose')}</option>
          {options.map((o) => <option value={o.value} selected={current === o.value}>{o.label}</option>)}
        </select>
      </div>
    );
  }
  const text = one(value);
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}{field.unit ? ` (${field.unit})` : ''}</label>
      <Described i18n={i18n} id={id} help={help} error={error} />
      {field.type === 'longtext' || field.type === 'links' ? (
        <textarea id={id} name={name} rows={field.type === 'links' ? 3 : 5} aria-invalid={invalid} aria-describedby={described}>{text}</textarea>
      ) : (
        <input
          id={id} name={name} type={field.type === 'date' ? 'date' : 'text'} value={text} aria-invalid={invalid} aria-describedby={described}
          inputmode={field.type === 'number' ? 'decimal' : undefined} dir={field.type === 'number' || field.type === 'date' ? 'ltr' : undefined}
        />
      )}
    </div>
  );
}

/** The row numbers the form state has for a table, plus `extra` empty ones. */
function rowNumbers(questionId: string, state: FormState, extra: number): number[] {
  const rows = formRows(questionId, state);
  const next = rows.length ? rows[rows.length - 1]! + 1 : 0;
  return [...rows, ...Array.from({ length: extra }, (_, k) => next + k)];
}

function TableQuestion({ i18n, q, state, errors, extraRows, hiddenColumns }: { i18n: Translator; q: Question; state: FormState; errors: FormErrors; extraRows: number; hiddenColumns: ReadonlySet<string> }) {
  const anchor = anchorOf(q.id);
  const rows = rowNumbers(q.id, state, extraRows);
  const help = local(i18n, q.help);
  const label = local(i18n, q.label);
  return (
    <fieldset class="field table-question" id={anchor} aria-describedby={help ? `${anchor}-hint` : undefined}>
      <legend>{label}</legend>
      {help && <p class="hint" id={`${anchor}-hint`}>{help}</p>}
      {q.columns!.some((c) => c.help) && (
        <details class="column-help">
          <summary>{i18n.t('assessment.form.columnHelp')}</summary>
          <dl>{q.columns!.filter((c) => c.help && !hiddenColumns.has(c.id)).map((c) => <><dt>{local(i18n, c.label)}</dt><dd>{local(i18n, c.help)}</dd></>)}</dl>
        </details>
      )}
      {rows.map((r, k) => {
        const filled = q.columns!.some((c) => { const v = state[fieldName(q.id, r, c.id)]; return Array.isArray(v) ? v.length > 0 : !!v; });
        return (
          <fieldset class="table-row">
            <legend>{filled ? i18n.t('assessment.form.row', { n: k + 1 }) : i18n.t('assessment.form.newRow')}</legend>
            {q.columns!.filter((c) => !hiddenColumns.has(c.id)).map((c) => {
              const name = fieldName(q.id, r, c.id);
              return <Widget i18n={i18n} field={c} name={name} id={anchorOf(q.id, r, c.id)} value={state[name] ?? ''} error={errors[name]} label={local(i18n, c.label)} inRow />;
            })}
            {filled && (
              <div class="choice">
                <input type="checkbox" id={`${anchor}-${r}-remove`} name={`q.${q.id}.${r}._remove`} value="yes" />
                {' '}<label for={`${anchor}-${r}-remove`}>{i18n.t('assessment.form.removeRow')}</label>
              </div>
            )}
          </fieldset>
        );
      })}
      <div class="buttons"><button type="submit" class="secondary" name="_then" value={`add:${q.id}`}>{i18n.t('assessment.form.addRow')}</button></div>
    </fieldset>
  );
}

/** The fields of one section's questions that apply. */
export function SectionFields({ i18n, questions, state, errors, addRowTo, hiddenColumns }: {
  i18n: Translator; questions: Question[]; state: FormState; errors: FormErrors; addRowTo?: string; hiddenColumns: Record<string, ReadonlySet<string>>;
}) {
  return (
    <>
      {questions.map((q) => {
        if (q.type === 'table') return <TableQuestion i18n={i18n} q={q} state={state} errors={errors} extraRows={addRowTo === q.id ? 2 : 1} hiddenColumns={hiddenColumns[q.id] ?? new Set()} />;
        const name = fieldName(q.id);
        return <Widget i18n={i18n} field={q} name={name} id={anchorOf(q.id)} value={state[name] ?? ''} error={errors[name]} label={`${local(i18n, q.label)}${q.required ? '' : ` ${i18n.t('assessment.form.optional')}`}`} />;
      })}
    </>
  );
}
