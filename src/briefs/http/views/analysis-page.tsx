import type { MessageKey, Translator } from '../../../platform/i18n/i18n.ts';
import { ErrorSummary, fieldId, errorText, PostForm, type FieldErrors } from '../../../platform/views/forms.tsx';
import { rightWord } from '../../../assessments/views/score-words.ts';
import { BINDING, GROUPS, NEEDED, PRINCIPLES, RIGHTS, YES_NO_UNKNOWN, type Principle } from '../../domain/analysis.ts';
import type { FactName } from '../../domain/catalogue.ts';
import { factValueWords, type BriefSubject } from '../../views/brief-document.ts';

// The analysis page: the briefing's guiding principles as questions about one deployment, each with
// what the register already holds beside it (and "not known" where it holds nothing), answered as
// the advocate's organisation's draft. One form, no JavaScript; a refused answer re-renders the form
// as typed, with an error summary.

const t = (i18n: Translator, key: string, values?: Record<string, string | number>) => i18n.t(key as MessageKey, values);

type Values = Record<string, string | string[]>;

/** What the register holds for each principle: facts of the brief, and record fields. */
function heldFor(i18n: Translator, s: BriefSubject, p: Principle): { label: string; value: string; known: boolean }[] {
  const f = s.gathered.facts;
  const fact = (name: FactName) => ({ label: t(i18n, `brief.fact.${name}`), value: factValueWords(i18n, name, f), known: f[name] !== null });
  const field = (label: string, value: string | null | undefined) => ({ label: t(i18n, label), value: value || t(i18n, 'profile.unknown'), known: !!value });
  const list = (label: string, values: readonly string[]) => field(label, values.length ? i18n.list(values) : null);
  switch (p) {
    case 'neutrality': return [field('analysis.held.purpose', s.deployment.purpose), list('analysis.held.techniques', s.technology.techniques)];
    case 'necessity': return [fact('assessment'), fact('haltGrounds')];
    case 'rights': return [fact('redLineVerdict'), fact('redLines'), fact('decisionRole')];
    case 'groups': return [list('analysis.held.affected', s.deployment.affectedGroups), fact('subjects'), fact('auditFlagged')];
    case 'binding': return [field('analysis.held.legalBasis', s.deployment.legalBasis), fact('assessmentDecision')];
    case 'transparency': return [field('analysis.held.sources', s.sources.length ? String(s.sources.length) : null), fact('assessment'), fact('noticeToAffected')];
    case 'participation': return [fact('consulted')];
  }
}

function Radios({ i18n, name, values, prefix, current, error }: { i18n: Translator; name: string; values: readonly string[]; prefix: string; current: string | undefined; error?: string | undefined }) {
  return (
    <fieldset class={`field inline${error ? ' field-invalid' : ''}`} id={fieldId(name)}>
      <legend>{t(i18n, `analysis.field.${name}`)}</legend>
      {error ? <p class="field-error">{errorText(i18n, error)}</p> : null}
      <div class="choice">
        <input type="radio" name={name} id={`${fieldId(name)}-none`} value="" checked={!current} />
        <label for={`${fieldId(name)}-none`}>{t(i18n, 'analysis.noAnswer')}</label>
      </div>
      {values.map((v) => (
        <div class="choice">
          <input type="radio" name={name} id={`${fieldId(name)}-${v}`} value={v} checked={current === v} />
          <label for={`${fieldId(name)}-${v}`}>{t(i18n, `${prefix}.${v}`)}</label>
        </div>
      ))}
    </fieldset>
  );
}

function Checks({ i18n, name, values, word, current, error }: { i18n: Translator; name: string; values: readonly string[]; word: (v: string) => string; current: string[]; error?: string | undefined }) {
  return (
    <fieldset class={`field${error ? ' field-invalid' : ''}`} id={fieldId(name)}>
      <legend>{t(i18n, `analysis.field.${name}`)}</legend>
      {error ? <p class="field-error">{errorText(i18n, error)}</p> : null}
      <div class="columns">
        {values.map((v) => (
          <div class="choice">
            <input type="checkbox" name={name} id={`${fieldId(name)}-${v}`} value={v} checked={current.includes(v)} />
            <label for={`${fieldId(name)}-${v}`}>{word(v)}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function Text({ i18n, name, value, error }: { i18n: Translator; name: string; value: string | undefined; error?: string | undefined }) {
  const id = fieldId(name);
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{t(i18n, `analysis.field.${name}`)}</label>
      {error ? <p class="field-error" id={`${id}-error`}>{errorText(i18n, error)}</p> : null}
      <textarea id={id} name={name} rows={4} maxlength={5000} {...(error ? { 'aria-describedby': `${id}-error`, 'aria-invalid': 'true' } : {})}>{value ?? ''}</textarea>
    </div>
  );
}

export const ANALYSIS_FIELDS: Record<Principle, string[]> = {
  neutrality: ['neutrality.framing'],
  necessity: ['necessity.needed', 'necessity.alternatives'],
  rights: ['rights.direct', 'rights.indirect', 'rights.note'],
  groups: ['groups.groups', 'groups.intersections'],
  binding: ['binding.state', 'binding.note'],
  transparency: ['transparency.public', 'transparency.withheld', 'transparency.notice'],
  participation: ['participation.consulted', 'participation.changed', 'participation.note'],
};

export function AnalysisPage({ i18n, subject, organisation, values, errors, csrf, saved, updated, unanswered }: {
  i18n: Translator; subject: BriefSubject; organisation: { slug: string; name: string }; values: Values; errors: FieldErrors; csrf: string;
  saved: boolean; updated: string | null; unanswered: Principle[];
}) {
  const slug = subject.deployment.slug;
  const one = (k: string) => { const v = values[k]; return Array.isArray(v) ? v[0] : v; };
  const many = (k: string) => { const v = values[k]; return v === undefined ? [] : Array.isArray(v) ? v : [v]; };
  const labels = Object.fromEntries(Object.values(ANALYSIS_FIELDS).flat().map((f) => [f, t(i18n, `analysis.field.${f}`)]));
  const groupWord = (g: string) => t(i18n, `brief.group.${g}`);
  return (
    <>
      <p class="kicker"><a href={`/deployments/${slug}`}>{subject.deployment.title}</a></p>
      <h1>{t(i18n, 'analysis.title')}</h1>
      <p class="lead">{t(i18n, 'analysis.intro', { organisation: organisation.name })}</p>
      {saved ? <p class="notice" role="status">{t(i18n, 'analysis.saved')}</p> : null}
      {updated ? <p class="muted">{t(i18n, 'analysis.updated', { date: updated })}</p> : <p class="muted">{t(i18n, 'analysis.new')}</p>}
      {unanswered.length && !Object.keys(errors).length ? <p>{t(i18n, 'analysis.gaps', { items: i18n.list(unanswered.map((p) => t(i18n, `brief.principle.${p}`))) })}</p> : null}
      <ErrorSummary i18n={i18n} errors={errors} labels={labels} />
      <PostForm action={`/deployments/${slug}/analysis?org=${encodeURIComponent(organisation.slug)}`} csrf={csrf} class="stack analysis">
        {PRINCIPLES.map((p) => (
          <section class="review-section" aria-labelledby={`principle-${p}`}>
            <h2 id={`principle-${p}`}>{t(i18n, `analysis.question.${p}`)}</h2>
            <p class="muted">{t(i18n, 'analysis.principle', { principle: t(i18n, `brief.principle.${p}`) })}</p>
            <h3>{t(i18n, 'analysis.held')}</h3>
            <dl class="facts">
              {heldFor(i18n, subject, p).map((h) => <><dt>{h.label}</dt><dd class={h.known ? '' : 'muted'}>{h.value}</dd></>)}
            </dl>
            {p === 'neutrality' && <Text i18n={i18n} name="neutrality.framing" value={one('neutrality.framing')} error={errors['neutrality.framing']} />}
            {p === 'necessity' && <>
              <Radios i18n={i18n} name="necessity.needed" values={NEEDED} prefix="brief.needed" current={one('necessity.needed')} error={errors['necessity.needed']} />
              <Text i18n={i18n} name="necessity.alternatives" value={one('necessity.alternatives')} error={errors['necessity.alternatives']} />
            </>}
            {p === 'rights' && <>
              <Checks i18n={i18n} name="rights.direct" values={RIGHTS} word={(r) => rightWord(i18n, r as (typeof RIGHTS)[number])} current={many('rights.direct')} error={errors['rights.direct']} />
              <Checks i18n={i18n} name="rights.indirect" values={RIGHTS} word={(r) => rightWord(i18n, r as (typeof RIGHTS)[number])} current={many('rights.indirect')} error={errors['rights.indirect']} />
              <Text i18n={i18n} name="rights.note" value={one('rights.note')} error={errors['rights.note']} />
            </>}
            {p === 'groups' && <>
              <Checks i18n={i18n} name="groups.groups" values={GROUPS} word={groupWord} current={many('groups.groups')} error={errors['groups.groups']} />
              <Text i18n={i18n} name="groups.intersections" value={one('groups.intersections')} error={errors['groups.intersections']} />
            </>}
            {p === 'binding' && <>
              <Radios i18n={i18n} name="binding.state" values={BINDING.filter((b) => b !== 'unknown')} prefix="brief.binding" current={one('binding.state')} error={errors['binding.state']} />
              <Text i18n={i18n} name="binding.note" value={one('binding.note')} error={errors['binding.note']} />
            </>}
            {p === 'transparency' && <>
              <Text i18n={i18n} name="transparency.public" value={one('transparency.public')} error={errors['transparency.public']} />
              <Text i18n={i18n} name="transparency.withheld" value={one('transparency.withheld')} error={errors['transparency.withheld']} />
              <Radios i18n={i18n} name="transparency.notice" values={YES_NO_UNKNOWN.filter((v) => v !== 'unknown')} prefix="brief.yesNoUnknown" current={one('transparency.notice')} error={errors['transparency.notice']} />
            </>}
            {p === 'participation' && <>
              <Radios i18n={i18n} name="participation.consulted" values={YES_NO_UNKNOWN.filter((v) => v !== 'unknown')} prefix="brief.yesNoUnknown" current={one('participation.consulted')} error={errors['participation.consulted']} />
              <Radios i18n={i18n} name="participation.changed" values={YES_NO_UNKNOWN.filter((v) => v !== 'unknown')} prefix="brief.yesNoUnknown" current={one('participation.changed')} error={errors['participation.changed']} />
              <Text i18n={i18n} name="participation.note" value={one('participation.note')} error={errors['participation.note']} />
            </>}
          </section>
        ))}
        <div class="buttons">
          <button type="submit">{t(i18n, 'analysis.save')}</button>
        </div>
      </PostForm>
      <p><a href={`/deployments/${slug}/brief?analysis=${encodeURIComponent(organisation.slug)}`}>{t(i18n, 'analysis.toBrief')}</a></p>
    </>
  );
}
