import type { MessageKey, Translator } from '../../../platform/i18n/i18n.ts';
import { ErrorSummary, errorText, fieldId, PostForm } from '../../../platform/views/forms.tsx';
import { anchorOfField, answersFromFile, reviewerColumns, type FileProblem, type FormErrors, type FormState } from '../../domain/answers.ts';
import type { Definition, MissingAnswer, Question, Section } from '../../domain/definition.ts';
import { questionById } from '../../domain/definition.ts';
import { REDACTION_REASONS, withholdable, type PublishedFindings } from '../../domain/findings.ts';
import { EVALUATIONS, type Review } from '../../domain/review.ts';
import { allowedDecisions, DIMENSIONS, type Score } from '../../domain/scoring.ts';
import { TRIGGERS, type Reassessment } from '../../domain/workflow.ts';
import type { AssessmentFile } from '../../domain/assessment-file.ts';
import type { AnswerChange } from '../../domain/compare.ts';
import { needsGoLiveVerification, registerScreeningOf, type AssessmentRow, type ReviewRow, type VersionRow } from '../../store.ts';
import { bandWord, decisionWord, dimensionWord, rightWord, verdictWord } from '../../views/score-words.ts';
import { applicableSections, SectionAnswers } from './answer-view.tsx';
import { local, SectionFields } from './questionnaire-form.tsx';
import { ScoreView } from './score-view.tsx';
import { EnvironmentView } from './environment-view.tsx';
import type { EnvironmentalImpact } from '../../domain/environment.ts';

// The pages of impact assessments: the working overview, one page per questionnaire section, the
// oversight body's review and publication forms, the lists, the published findings, and the
// assessments section of a deployment's page. All server-rendered; forms work without JavaScript.

const statusKey = (s: string) => `assessment.status.${s}` as MessageKey;

export function StatusTag({ i18n, status }: { i18n: Translator; status: string }) {
  return <span class={`tag a-${status}`}>{i18n.t(statusKey(status))}</span>;
}

export const sectionHref = (id: string, section: string, anchor?: string) => `/assessments/${id}/edit/${section}${anchor ? `#${anchor}` : ''}`;

function Header({ i18n, a }: { i18n: Translator; a: AssessmentRow }) {
  const t = i18n.t;
  return (
    <>
      <p class="kicker"><a href={`/deployments/${a.deployment_slug}`}>{a.deployment_title}</a></p>
      <h1>{a.title}</h1>
      <p><StatusTag i18n={i18n} status={a.status} /> {t('assessment.meta', { organisation: a.organisation_name, edition: a.edition, version: a.version })}</p>
    </>
  );
}

/** What submission still needs: every missing answer and every malformed fact, each linking to its field. */
export function SubmissionProblems({ i18n, a, definition, missing, problems }: { i18n: Translator; a: AssessmentRow; definition: Definition; missing: MissingAnswer[]; problems: FileProblem[] }) {
  const t = i18n.t;
  if (!missing.length && !problems.length) return null;
  const label = (qid: string, column?: string) => {
    const q = questionById(definition, qid);
    const c = column ? q?.columns?.find((x) => x.id === column) : undefined;
    return `${local(i18n, q?.label)}${c ? ` — ${local(i18n, c.label)}` : ''}`;
  };
  const sectionOf = (qid: string) => qid.split('.')[0]!;
  // Grouped by section, in the questionnaire's order.
  const groups = definition.sections.map((s) => ({
    s,
    missing: missing.filter((m) => m.section === s.id),
    problems: problems.filter((p) => p.question && sectionOf(p.question) === s.id),
  })).filter((g) => g.missing.length || g.problems.length);
  const loose = problems.filter((p) => !p.question);
  return (
    <div class="error-summary" role="alert" aria-labelledby="submission-h" tabindex={-1}>
      <h2 id="submission-h">{t('assessment.submit.problems', { n: missing.length + problems.length })}</h2>
      <ul>
        {groups.map((g) => (
          <li>
            {local(i18n, g.s.title)}
            <ul>
              {g.missing.map((m) => (
                <li><a href={sectionHref(a.id, m.section, m.anchor)}>{m.row !== undefined ? `${t('assessment.form.row', { n: m.row + 1 })}: ` : ''}{label(m.question, m.column)}</a> — {t('assessment.submit.missing')}</li>
              ))}
              {g.problems.map((p) => <li><a href={sectionHref(a.id, sectionOf(p.question!), p.anchor)}>{label(p.question!)}</a> — <bdi dir="ltr">{p.message}</bdi></li>)}
            </ul>
          </li>
        ))}
        {loose.map((p) => <li><bdi dir="ltr">{p.path}: {p.message}</bdi></li>)}
      </ul>
    </div>
  );
}

type Progress = Record<string, number>;

/** The sections with how many required answers each still misses. */
function SectionList({ i18n, a, sections, progress, current, editable }: { i18n: Translator; a: AssessmentRow; sections: Section[]; progress: Progress; current?: string; editable: boolean }) {
  const t = i18n.t;
  return (
    <nav aria-label={t('assessment.sections')} class="sections">
      <ol>
        {sections.map((s) => {
          const missing = progress[s.id] ?? 0;
          const label = <>{local(i18n, s.title)} <span class="muted">{missing ? t('assessment.section.missing', { n: missing }) : t('assessment.section.complete')}</span></>;
          return <li>{editable ? <a href={sectionHref(a.id, s.id)} aria-current={current === s.id ? 'page' : undefined}>{label}</a> : label}</li>;
        })}
      </ol>
    </nav>
  );
}

function ReviewComments({ i18n, definition, review }: { i18n: Translator; definition: Definition; review: ReviewRow }) {
  const t = i18n.t;
  const sections = definition.sections.filter((s) => review.content.sections[s.id]);
  return (
    <section aria-labelledby={`review-${review.id}-h`} class="review-comments">
      <h3 id={`review-${review.id}-h`}>{t('assessment.review.of', { version: review.version, organisation: review.organisation_name, date: i18n.date(review.updated_at) })}{review.outcome ? ` — ${t(`assessment.review.outcome.${review.outcome}` as MessageKey)}` : ''}</h3>
      {review.content.comment && <blockquote>{review.content.comment}</blockquote>}
      {sections.length > 0 && (
        <dl class="facts">
          {sections.map((s) => {
            const r = review.content.sections[s.id]!;
            return <><dt>{local(i18n, s.title)}</dt><dd>{r.evaluation && <span class={`tag e-${r.evaluation}`}>{t(`assessment.evaluation.${r.evaluation}` as MessageKey)}</span>} {r.comment}</dd></>;
          })}
        </dl>
      )}
    </section>
  );
}

export type OverviewProps = {
  i18n: Translator; a: AssessmentRow; definition: Definition; csrf: string; progress: Progress;
  score: Score | null; versions: VersionRow[]; reviews: ReviewRow[];
  canWrite: boolean; canReview: boolean; submission?: { missing: MissingAnswer[]; problems: FileProblem[] } | undefined;
  reassessment: Reassessment | null;
  environment: EnvironmentalImpact;
  triggerForm?: { values: Record<string, string | string[]>; errors: Record<string, string> } | undefined;
  verifyForm?: { values: Record<string, string | string[]>; errors: Record<string, string> } | undefined;
};

/**
 * The conditions a decision to proceed with conditions sets before go-live: verified by the
 * oversight body (when, by whom, what it checked), or not yet, with the form for its members.
 */
export function GoLiveConditions({ i18n, a, csrf, form }: { i18n: Translator; a: AssessmentRow; csrf?: string | undefined; form?: OverviewProps['verifyForm'] }) {
  if (!needsGoLiveVerification(a)) return null;
  const t = i18n.t;
  const errors = form?.errors ?? {};
  const labels = { note: t('assessment.goLive.note') };
  return (
    <section aria-labelledby="golive-h">
      <h2 id="golive-h">{t('assessment.goLive.title')}</h2>
      {a.conditions_verified_at ? (
        <>
          <p>{t('assessment.goLive.verified', { organisation: a.conditions_verified_organisation ?? '', date: i18n.date(a.conditions_verified_at) })}</p>
          <blockquote><p><bdi>{a.conditions_verification}</bdi></p></blockquote>
        </>
      ) : (
        <>
          <p class="notice"><strong>{t('assessment.goLive.pending')}</strong></p>
          {csrf && (
            <>
              <ErrorSummary i18n={i18n} errors={errors} labels={labels} />
              <PostForm action={`/assessments/${a.id}/conditions-verified`} csrf={csrf} class="stack">
                <div class={`field${errors.note ? ' field-invalid' : ''}`}>
                  <label for={fieldId('note')}>{labels.note}</label>
                  <p class="hint" id={`${fieldId('note')}-hint`}>{t('assessment.goLive.hint')}</p>
                  {errors.note && <p class="field-error" id={`${fieldId('note')}-error`}>{errorText(i18n, errors.note)}</p>}
                  <textarea id={fieldId('note')} name="note" rows={4} aria-invalid={errors.note ? 'true' : undefined}
                    aria-describedby={errors.note ? `${fieldId('note')}-hint ${fieldId('note')}-error` : `${fieldId('note')}-hint`}>{[form?.values.note ?? ''].flat()[0]}</textarea>
                </div>
                <div class="buttons"><button type="submit">{t('assessment.goLive.submit')}</button></div>
              </PostForm>
            </>
          )}
        </>
      )}
    </section>
  );
}

/** Recording a change since the decision (a new model, new data, a new law, a complaint…). */
function TriggerForm({ i18n, a, csrf, form }: { i18n: Translator; a: AssessmentRow; csrf: string; form?: OverviewProps['triggerForm'] }) {
  const t = i18n.t;
  const errors = form?.errors ?? {};
  const v = (name: string) => [form?.values[name] ?? ''].flat()[0] ?? '';
  const labels = { kind: t('assessment.trigger.kind'), on: t('assessment.trigger.on'), note: t('assessment.trigger.note') };
  return (
    <section aria-labelledby="trigger-h">
      <h2 id="trigger-h">{t('assessment.trigger.title')}</h2>
      <p>{t('assessment.trigger.intro')}</p>
      {a.triggers.length > 0 && <ul>{a.triggers.map((x) => <li>{t(`assessment.trigger.${x.kind}` as MessageKey)}, {i18n.date(x.on)}{x.note ? <> — <bdi>{x.note}</bdi></> : null}</li>)}</ul>}
      <ErrorSummary i18n={i18n} errors={errors} labels={labels} />
      <PostForm action={`/assessments/${a.id}/triggers`} csrf={csrf} class="stack">
        <div class={`field${errors.kind ? ' field-invalid' : ''}`}>
          <label for={fieldId('kind')}>{labels.kind}</label>
          <select id={fieldId('kind')} name="kind">
            <option value="">{t('assessment.form.choose')}</option>
            {TRIGGERS.map((k) => <option value={k} selected={v('kind') === k}>{t(`assessment.trigger.${k}` as MessageKey)}</option>)}
          </select>
        </div>
        <div class={`field${errors.on ? ' field-invalid' : ''}`}>
          <label for={fieldId('on')}>{labels.on}</label>
          <p class="hint" id={`${fieldId('on')}-hint`}>{t('assessment.trigger.onHint')}</p>
          <input type="date" id={fieldId('on')} name="on" value={v('on')} aria-describedby={`${fieldId('on')}-hint`} />
        </div>
        <div class={`field${errors.note ? ' field-invalid' : ''}`}>
          <label for={fieldId('note')}>{labels.note}</label>
          <textarea id={fieldId('note')} name="note" rows={3}>{v('note')}</textarea>
        </div>
        <div class="buttons"><button type="submit" class="secondary">{t('assessment.trigger.submit')}</button></div>
      </PostForm>
    </section>
  );
}

/** The working page of an assessment: where it stands, what can be done next, and by whom. */
export function OverviewPage(p: OverviewProps) {
  const { i18n, a, definition } = p;
  const t = i18n.t;
  const editable = p.canWrite && (a.status === 'draft' || a.status === 'changes_requested');
  const sections = applicableSections(definition, a.answers);
  const missingTotal = Object.values(p.progress).reduce((x, y) => x + y, 0);
  const lastReview = p.reviews.at(-1);
  return (
    <>
      <Header i18n={i18n} a={a} />
      {p.submission && <SubmissionProblems i18n={i18n} a={a} definition={definition} missing={p.submission.missing} problems={p.submission.problems} />}
      {p.reassessment?.due && (
        <div class={p.reassessment.overdue ? 'notice overdue' : 'notice'}>
          <p><strong>{p.reassessment.overdue ? t('assessment.due.overdue') : t('assessment.due.due')}</strong></p>
          <ul>{p.reassessment.reasons.map((r) => <li>{r.kind === 'date' ? t('assessment.due.byDate', { date: i18n.date(r.by) }) : t('assessment.due.trigger', { trigger: t(`assessment.trigger.${r.trigger.kind}` as MessageKey), date: i18n.date(r.trigger.on) })}</li>)}</ul>
        </div>
      )}
      <section aria-labelledby="next-h">
        <h2 id="next-h">{t('assessment.next.title')}</h2>
        <p>{t(`assessment.next.${a.status}` as MessageKey)}</p>
        <div class="buttons">
          {editable && <a class="button" href={sectionHref(a.id, sections[0]!.id)}>{t('assessment.action.write')}</a>}
          {editable && (
            <PostForm action={`/assessments/${a.id}/submit`} csrf={p.csrf}>
              <button type="submit">{a.status === 'changes_requested' ? t('assessment.action.resubmit') : t('assessment.action.submit')}</button>
            </PostForm>
          )}
          {p.canReview && (a.status === 'submitted' || a.status === 'resubmitted') && (
            <PostForm action={`/assessments/${a.id}/start-review`} csrf={p.csrf}><button type="submit">{t('assessment.action.startReview')}</button></PostForm>
          )}
          {p.canReview && a.status === 'under_review' && <a class="button" href={`/assessments/${a.id}/review`}>{t('assessment.action.review')}</a>}
          {p.canReview && a.status === 'decided' && <a class="button" href={`/assessments/${a.id}/publish`}>{t('assessment.action.publish')}</a>}
          {p.canWrite && (a.status === 'published' || a.status === 'reassessment_due') && (
            <PostForm action={`/assessments/${a.id}/reassess`} csrf={p.csrf}><button type="submit" class="secondary">{t('assessment.action.reassess')}</button></PostForm>
          )}
        </div>
        {editable && missingTotal > 0 && !p.submission && <p class="muted">{t('assessment.submit.stillMissing', { n: missingTotal })}</p>}
      </section>
      {a.decision && <GoLiveConditions i18n={i18n} a={a} csrf={p.canReview ? p.csrf : undefined} form={p.verifyForm} />}
      {(p.canWrite || p.canReview) && (a.status === 'decided' || a.status === 'published' || a.status === 'reassessment_due') && <TriggerForm i18n={i18n} a={a} csrf={p.csrf} form={p.triggerForm} />}
      {a.status === 'changes_requested' && lastReview && <ReviewComments i18n={i18n} definition={definition} review={lastReview} />}
      <section aria-labelledby="sections-h">
        <h2 id="sections-h">{t('assessment.sections')}</h2>
        <SectionList i18n={i18n} a={a} sections={sections} progress={p.progress} editable={editable} />
      </section>
      {p.score && (
        <ScoreView i18n={i18n} score={p.score} id="preview" heading={a.decision ? t('assessment.result.decided') : t('assessment.result.preview')}
          {...(a.decision ? { decision: a.decision, reassessBy: a.reassess_by } : {})} />
      )}
      {!p.score && <p class="muted">{t('assessment.result.notYet')}</p>}
      <EnvironmentView i18n={i18n} definition={definition} impact={p.environment} />
      {(p.versions.length > 0 || p.reviews.length > 0) && (
        <section aria-labelledby="history-h">
          <h2 id="history-h">{t('assessment.history')}</h2>
          <ul>
            {p.versions.map((v) => <li>{t('assessment.version.item', { n: v.number, date: i18n.date(v.submitted_at) })}{v.number > 1 && <> · <a href={`/assessments/${a.id}/compare?from=${v.number - 1}&to=${v.number}`}>{t('assessment.version.compare', { from: v.number - 1 })}</a></>}</li>)}
          </ul>
          {p.reviews.filter((r) => r.outcome).map((r) => <ReviewComments i18n={i18n} definition={definition} review={r} />)}
        </section>
      )}
      {a.previous_id && <p><a href={`/assessments/${a.id}/compare-previous`}>{t('assessment.compare.editionLink', { n: a.edition - 1 })}</a></p>}
      <p><a href={`/assessments/${a.id}/export.json`}>{t('assessment.export.json')}</a> · <a href={`/assessments/${a.id}/ai-act.md`}>{t('assessment.export.aiAct')}</a>{a.published_at && <> · <a href={`/assessments/${a.id}/findings`}>{t('assessment.findings.link')}</a></>}</p>
    </>
  );
}

/** One section of the questionnaire as a form. */
/** The register's own red-line screening of the deployment, which an answer cannot lift. */
function RegisterScreening({ i18n, a }: { i18n: Translator; a: AssessmentRow }) {
  const r = registerScreeningOf(a);
  return (
    <p class="notice">
      <a href={`/deployments/${a.deployment_slug}#screening-h`}>
        {i18n.t('assessment.form.registerScreening', { verdict: verdictWord(i18n, r.verdict), count: r.redLines.length, redLines: i18n.list(r.redLines) })}
      </a>
    </p>
  );
}

export function SectionPage({ i18n, a, definition, section, questions, sections, progress, state, errors, csrf, addRowTo, saved, audits = [] }: {
  i18n: Translator; a: AssessmentRow; definition: Definition; section: Section; questions: Question[]; sections: Section[]; progress: Progress;
  state: FormState & { title?: string }; errors: FormErrors; csrf: string; addRowTo?: string | undefined; saved?: boolean;
  /** The deployment's published discrimination audits, to link from the affected groups. */
  audits?: { id: string; publishedAt: Date; findings: number }[];
}) {
  const t = i18n.t;
  const labels: Record<string, string> = { title: t('assessment.title') };
  for (const q of questions) {
    labels[`q.${q.id}`] = local(i18n, q.label);
    for (const c of q.columns ?? []) for (const name of Object.keys(state)) if (name.startsWith(`q.${q.id}.`) && name.endsWith(`.${c.id}`)) labels[name] = `${local(i18n, q.label)} — ${local(i18n, c.label)}`;
  }
  const index = sections.findIndex((s) => s.id === section.id);
  const next = sections[index + 1];
  const first = index === 0;
  return (
    <>
      <p class="kicker"><a href={`/assessments/${a.id}`}>{a.title}</a></p>
      <h1>{local(i18n, section.title)}</h1>
      {saved && <p class="notice" role="status">{t('assessment.form.saved')}</p>}
      {Object.keys(errors).length > 0 && (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">{t('form.errorSummary')}</h2>
          <ul>{Object.entries(errors).map(([name, code]) => <li><a href={`#${name === 'title' ? fieldId('title') : anchorOfField(name)}`}>{labels[name] ?? name}: {errorText(i18n, code)}</a></li>)}</ul>
        </div>
      )}
      {section.intro && <p class="lead">{local(i18n, section.intro)}</p>}
      {section.id === 'screening' && <RegisterScreening i18n={i18n} a={a} />}
      {audits.length > 0 && (
        <div class="notice">
          <p>{t('assessment.form.audits')}</p>
          <ul>{audits.map((x) => <li><a href={`/audits/${x.id}`}>{t('assessment.form.audit', { date: i18n.date(x.publishedAt), n: x.findings })}</a> <code dir="ltr">/audits/{x.id}</code></li>)}</ul>
        </div>
      )}
      <div class="columns-form">
        <PostForm action={`/assessments/${a.id}/edit/${section.id}`} csrf={csrf} class="questionnaire">
          {first && (
            <div class={`field${errors.title ? ' field-invalid' : ''}`}>
              <label for={fieldId('title')}>{t('assessment.title')}</label>
              {errors.title && <p class="field-error" id={`${fieldId('title')}-error`}>{errorText(i18n, errors.title)}</p>}
              <input type="text" id={fieldId('title')} name="title" value={state.title ?? a.title} aria-invalid={errors.title ? 'true' : undefined} aria-describedby={errors.title ? `${fieldId('title')}-error` : undefined} />
            </div>
          )}
          <SectionFields i18n={i18n} questions={questions} state={state} errors={errors} addRowTo={addRowTo} hiddenColumns={Object.fromEntries(questions.map((q) => [q.id, reviewerColumns(q)]))} />
          <p class="muted">{t('assessment.form.conditional')}</p>
          <div class="buttons">
            <button type="submit" name="_then" value="stay">{t('assessment.form.save')}</button>
            {next && <button type="submit" name="_then" value={`next:${next.id}`} class="secondary">{t('assessment.form.saveNext')}</button>}
            <button type="submit" name="_then" value="overview" class="secondary">{t('assessment.form.saveOverview')}</button>
          </div>
        </PostForm>
        <SectionList i18n={i18n} a={a} sections={sections} progress={progress} current={section.id} editable />
      </div>
      <p class="muted">{t('assessment.form.definition', { id: definition.id, version: definition.version })}</p>
    </>
  );
}

const evaluationOptions = (i18n: Translator) => EVALUATIONS.map((e) => ({ value: e, label: i18n.t(`assessment.evaluation.${e}` as MessageKey) }));

/** The oversight body's review: each section's answers with its evaluation, the harms with re-estimates, the mitigations, and the outcome. */
export function ReviewPage({ i18n, a, definition, file, state, errors, csrf, score, authorScore, saved }: {
  i18n: Translator; a: AssessmentRow; definition: Definition; file: AssessmentFile; state: Record<string, string | string[]>; errors: Record<string, string>; csrf: string;
  score: Score; authorScore: Score; saved?: boolean;
}) {
  const t = i18n.t;
  const v = (name: string) => { const x = state[name]; return Array.isArray(x) ? x.at(-1) ?? '' : x ?? ''; };
  const labels: Record<string, string> = { comment: t('assessment.review.comment'), decision: t('assessment.review.decision') };
  const answers = answersFromFile(definition, file);
  const sections = applicableSections(definition, answers);
  const allowed = allowedDecisions(score.decision);
  return (
    <>
      <Header i18n={i18n} a={a} />
      {saved && <p class="notice" role="status">{t('assessment.review.saved')}</p>}
      <ErrorSummary i18n={i18n} errors={errors} labels={labels} />
      <p class="lead">{t('assessment.review.intro')}</p>
      <PostForm action={`/assessments/${a.id}/review`} csrf={csrf} class="review">
        {sections.map((s) => (
          <section aria-labelledby={`rs-${s.id}`} class="review-section">
            <h2 id={`rs-${s.id}`}>{local(i18n, s.title)}</h2>
            <SectionAnswers i18n={i18n} definition={definition} section={s} answers={answers} level={3} />
            <fieldset class="field" id={fieldId(`section.${s.id}.evaluation`)}>
              <legend>{t('assessment.review.evaluation', { section: local(i18n, s.title) })}</legend>
              {evaluationOptions(i18n).map((o) => (
                <div class="choice"><input type="radio" id={`ev-${s.id}-${o.value}`} name={`section.${s.id}.evaluation`} value={o.value} checked={v(`section.${s.id}.evaluation`) === o.value} /> <label for={`ev-${s.id}-${o.value}`}>{o.label}</label></div>
              ))}
            </fieldset>
            <div class="field">
              <label for={fieldId(`section.${s.id}.comment`)}>{t('assessment.review.sectionComment')}</label>
              <textarea id={fieldId(`section.${s.id}.comment`)} name={`section.${s.id}.comment`} rows={3}>{v(`section.${s.id}.comment`)}</textarea>
            </div>
          </section>
        ))}
        <section aria-labelledby="estimates-h">
          <h2 id="estimates-h">{t('assessment.review.estimates')}</h2>
          <p class="hint">{t('assessment.review.estimatesHint')}</p>
          {file.harms.map((h) => (
            <fieldset class="table-row">
              <legend><bdi>{h.id}</bdi> — {rightWord(i18n, h.right)}</legend>
              <p>{h.description}</p>
              {DIMENSIONS.map((d) => {
                const name = `estimate.${h.id}.${d}`;
                return (
                  <div class={`field${errors[name] ? ' field-invalid' : ''}`}>
                    <label for={fieldId(name)}>{t('assessment.review.estimate', { dimension: dimensionWord(i18n, d), author: String(h[d]) === 'unknown' ? t('assessment.form.unknown') : String(h[d]) })}</label>
                    <select id={fieldId(name)} name={name}>
                      <option value="">{t('assessment.review.keepAuthor')}</option>
                      {[1, 2, 3, 4].map((n) => <option value={String(n)} selected={v(name) === String(n)}>{n}</option>)}
                      {d === 'likelihood' && <option value="unknown" selected={v(name) === 'unknown'}>{t('assessment.form.unknown')}</option>}
                    </select>
                  </div>
                );
              })}
            </fieldset>
          ))}
        </section>
        {file.mitigations.length > 0 && (
          <section aria-labelledby="mitigations-h">
            <h2 id="mitigations-h">{t('assessment.review.mitigations')}</h2>
            <p class="hint">{t('assessment.review.mitigationsHint')}</p>
            {file.mitigations.map((m) => {
              const name = `mitigation.${m.id}`;
              return (
                <fieldset class="field table-row" id={fieldId(name)}>
                  <legend><bdi>{m.id}</bdi> ({t('assessment.review.mitigationOf', { harm: m.harm, dimension: dimensionWord(i18n, m.targets) })})</legend>
                  <p>{m.description}</p>
                  <p class="muted">{t(`assessment.mitigation.${m.status}` as MessageKey)}{m.kind === 'consultation' ? ` · ${t('assessment.mitigation.consultation')}` : ''}</p>
                  {m.evidence.length > 0 && <ul class="plain">{m.evidence.map((e) => <li><bdi>{e}</bdi></li>)}</ul>}
                  {(['pending', 'accepted', 'rejected'] as const).map((o) => (
                    <div class="choice"><input type="radio" id={`${name}-${o}`} name={name} value={o} checked={(v(name) || 'pending') === o} /> <label for={`${name}-${o}`}>{t(`assessment.review.mitigation.${o}` as MessageKey)}</label></div>
                  ))}
                </fieldset>
              );
            })}
          </section>
        )}
        <ScoreView i18n={i18n} score={score} id="reviewer" heading={t('assessment.review.scoreReviewer')} />
        {authorScore.decision !== score.decision || authorScore.overall.residual !== score.overall.residual
          ? <p class="notice">{t('assessment.review.authorDiffers', { decision: decisionWord(i18n, authorScore.decision), band: bandWord(i18n, authorScore.overall.residual) })}</p> : null}
        <section aria-labelledby="outcome-h">
          <h2 id="outcome-h">{t('assessment.review.outcome')}</h2>
          <div class={`field${errors.comment ? ' field-invalid' : ''}`}>
            <label for={fieldId('comment')}>{t('assessment.review.comment')}</label>
            {errors.comment && <p class="field-error" id={`${fieldId('comment')}-error`}>{errorText(i18n, errors.comment)}</p>}
            <textarea id={fieldId('comment')} name="comment" rows={4} aria-invalid={errors.comment ? 'true' : undefined} aria-describedby={errors.comment ? `${fieldId('comment')}-error` : undefined}>{v('comment')}</textarea>
          </div>
          <fieldset class={`field${errors.decision ? ' field-invalid' : ''}`} id={fieldId('decision')}>
            <legend>{t('assessment.review.decision')}</legend>
            <p class="hint">{t('assessment.review.decisionHint', { engine: decisionWord(i18n, score.decision) })}</p>
            {errors.decision && <p class="field-error">{errorText(i18n, errors.decision)}</p>}
            {allowed.map((d) => (
              <div class="choice"><input type="radio" id={`decision-${d}`} name="decision" value={d} checked={v('decision') === d} /> <label for={`decision-${d}`}>{decisionWord(i18n, d)}</label></div>
            ))}
          </fieldset>
          <div class="buttons">
            <button type="submit" name="_action" value="save" class="secondary">{t('assessment.review.save')}</button>
            <button type="submit" name="_action" value="request_changes" class="secondary">{t('assessment.review.requestChanges')}</button>
            <button type="submit" name="_action" value="decide">{t('assessment.review.decide')}</button>
          </div>
        </section>
      </PostForm>
    </>
  );
}

/** Publication: which free answers to withhold, each with its reason (the redaction log). */
export function PublishPage({ i18n, a, definition, state, errors, csrf }: { i18n: Translator; a: AssessmentRow; definition: Definition; state: Record<string, string | string[]>; errors: Record<string, string>; csrf: string }) {
  const t = i18n.t;
  const answered = withholdable(definition).filter((q) => a.answers[q.id] !== undefined);
  const labels = Object.fromEntries(answered.map((q) => [`withhold.${q.id}`, local(i18n, q.label)]));
  return (
    <>
      <Header i18n={i18n} a={a} />
      <h2>{t('assessment.publish.title')}</h2>
      <ErrorSummary i18n={i18n} errors={errors} labels={labels} />
      <p>{t('assessment.publish.intro')}</p>
      <PostForm action={`/assessments/${a.id}/publish`} csrf={csrf}>
        {answered.map((q) => {
          const name = `withhold.${q.id}`;
          const value = [state[name] ?? ''].flat()[0] ?? '';
          return (
            <div class={`field${errors[name] ? ' field-invalid' : ''}`}>
              <label for={fieldId(name)}>{local(i18n, q.label)}</label>
              <select id={fieldId(name)} name={name}>
                <option value="">{t('assessment.publish.publish')}</option>
                {REDACTION_REASONS.map((r) => <option value={r} selected={value === r}>{t('assessment.publish.withhold', { reason: t(`assessment.redaction.${r}` as MessageKey) })}</option>)}
              </select>
            </div>
          );
        })}
        <div class="buttons"><button type="submit">{t('assessment.action.publish')}</button></div>
      </PostForm>
    </>
  );
}

/** The public findings of a published assessment, with its redaction log. */
export function FindingsPage({ i18n, findings, definition, id, overdue, superseded, environment, print = false, previousEdition, row }: {
  i18n: Translator; findings: PublishedFindings; definition: Definition; id: string; overdue: boolean; superseded: boolean; environment: EnvironmentalImpact; print?: boolean;
  /** The edition this one repeats, when it too was published (the two can be compared). */
  previousEdition?: number | undefined;
  /** The assessment as it stands, for what happened after publication (the conditions' verification). */
  row?: AssessmentRow | undefined;
}) {
  const t = i18n.t;
  const withheld = new Map(findings.redactions.map((r) => [r.question, r.reason]));
  const answers = { ...findings.answers };
  const sections = applicableSections(definition, answers).filter((s) => s.questions.some((q) => answers[q.id] !== undefined || withheld.has(q.id)));
  return (
    <article class="findings">
      <p class="kicker"><a href={`/deployments/${findings.deployment.slug}`}>{findings.deployment.title}</a></p>
      <h1>{findings.title}</h1>
      <p>{t('assessment.findings.meta', { organisation: findings.assessor.organisation, decided: i18n.date(findings.decidedOn), published: i18n.date(findings.publishedOn), edition: findings.edition, version: findings.version })}</p>
      {overdue && <p class="notice overdue"><strong>{t('assessment.due.overduePublic')}</strong></p>}
      {superseded && <p class="notice">{t('assessment.findings.superseded')}</p>}
      {previousEdition !== undefined && !print && <p><a href={`/assessments/${id}/compare-previous`}>{t('assessment.compare.editionLink', { n: previousEdition })}</a></p>}
      <ScoreView i18n={i18n} score={findings.score} id="findings" heading={t('assessment.findings.decision')} decision={findings.decision} reassessBy={findings.reassessBy} open={print} />
      {row && <GoLiveConditions i18n={i18n} a={row} />}
      <section aria-labelledby="harms-h">
        <h2 id="harms-h">{t('assessment.findings.harms')}</h2>
        {findings.harms.map((h) => (
          <div class="harm">
            <h3><bdi>{h.id}</bdi> — {rightWord(i18n, h.right)}</h3>
            <p>{h.description}</p>
            {h.groups.length > 0 && <p>{t('assessment.findings.groups')} <bdi>{h.groups.join('; ')}</bdi></p>}
            <div class="table-scroll" tabindex={0} role="region" aria-label={t('assessment.findings.estimates', { harm: h.id })}>
              <table>
                <caption class="visually-hidden">{t('assessment.findings.estimates', { harm: h.id })}</caption>
                <thead><tr><th scope="col">{t('assessment.findings.dimension')}</th><th scope="col">{t('assessment.findings.author')}</th><th scope="col">{t('assessment.findings.reviewer')}</th></tr></thead>
                <tbody>
                  {DIMENSIONS.map((d) => (
                    <tr><th scope="row">{dimensionWord(i18n, d)}</th><td>{String(h.author[d]) === 'unknown' ? t('assessment.form.unknown') : String(h.author[d])}</td><td>{h.reviewer?.[d] === undefined ? '—' : String(h.reviewer[d]) === 'unknown' ? t('assessment.form.unknown') : String(h.reviewer[d])}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      </section>
      <EnvironmentView i18n={i18n} definition={definition} impact={environment} />
      <section aria-labelledby="review-h">
        <h2 id="review-h">{t('assessment.findings.review')}</h2>
        {findings.reviewComment && <blockquote>{findings.reviewComment}</blockquote>}
        {sections.map((s) => {
          const r = findings.sections[s.id];
          return (
            <section aria-labelledby={`fs-${s.id}`}>
              <h3 id={`fs-${s.id}`}>{local(i18n, s.title)}</h3>
              {r?.evaluation && <p><span class={`tag e-${r.evaluation}`}>{t(`assessment.evaluation.${r.evaluation}` as MessageKey)}</span> {r.comment}</p>}
              <SectionAnswers i18n={i18n} definition={definition} section={s} answers={answers} withheld={withheld} level={4} />
            </section>
          );
        })}
      </section>
      <section aria-labelledby="redactions-h">
        <h2 id="redactions-h">{t('assessment.findings.redactions')}</h2>
        {findings.redactions.length === 0 ? <p>{t('assessment.findings.noRedactions')}</p> : (
          <ul>{findings.redactions.map((r) => <li>{local(i18n, questionById(definition, r.question)?.label)}: {t(`assessment.redaction.${r.reason}` as MessageKey)}</li>)}</ul>
        )}
      </section>
      <p class="meta">
        {t('assessment.form.definition', { id: findings.definition.id, version: findings.definition.version })}{print ? null : <> · <a href={`/assessments/${id}/findings.json`}>{t('assessment.findings.json')}</a> · <a href={`/assessments/${id}/ai-act.md`}>{t('assessment.export.aiAct')}</a> · <a href={`/assessments/${id}/print`}>{t('assessment.findings.print')}</a></>}
      </p>
    </article>
  );
}

export type ListItem = { a: AssessmentRow; overdue?: boolean; due?: boolean };

function AssessmentTable({ i18n, items, caption }: { i18n: Translator; items: ListItem[]; caption: string }) {
  const t = i18n.t;
  return (
    <div class="table-scroll" tabindex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead><tr><th scope="col">{t('assessment.title')}</th><th scope="col">{t('assessment.list.deployment')}</th><th scope="col">{t('assessment.list.organisation')}</th><th scope="col">{t('assessment.list.status')}</th><th scope="col">{t('assessment.list.updated')}</th></tr></thead>
        <tbody>
          {items.map(({ a, overdue, due }) => (
            <tr>
              <td><a href={`/assessments/${a.id}`}>{a.title}</a></td>
              <td>{a.deployment_title}</td>
              <td>{a.organisation_name}</td>
              <td><StatusTag i18n={i18n} status={a.status} />{overdue ? <> <strong class="tag overdue">{t('assessment.due.overdueTag')}</strong></> : due ? <> <span class="tag">{t('assessment.due.dueTag')}</span></> : null}{a.reassess_by ? <span class="muted"> {t('assessment.list.reassessBy', { date: i18n.date(a.reassess_by) })}</span> : null}</td>
              <td>{i18n.date(a.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A member's assessments: their organisation's, and for oversight members the queue and the overdue list. */
export function ListPage({ i18n, mine, queue, inForce, isWriter, isOversight }: { i18n: Translator; mine: ListItem[]; queue: ListItem[]; inForce: ListItem[]; isWriter: boolean; isOversight: boolean }) {
  const t = i18n.t;
  const overdue = inForce.filter((x) => x.overdue);
  const due = inForce.filter((x) => x.due && !x.overdue);
  return (
    <>
      <h1>{t('assessment.list.title')}</h1>
      {isWriter && (mine.length ? <AssessmentTable i18n={i18n} items={mine} caption={t('assessment.list.mine')} /> : <p>{t('assessment.list.noneMine')}</p>)}
      {isWriter && <p class="muted">{t('assessment.list.startHint')}</p>}
      {isOversight && (
        <>
          {queue.length ? <AssessmentTable i18n={i18n} items={queue} caption={t('assessment.list.queue')} /> : <p>{t('assessment.list.noneQueue')}</p>}
          <h2>{t('assessment.list.overdue')}</h2>
          {overdue.length ? <AssessmentTable i18n={i18n} items={overdue} caption={t('assessment.list.overdue')} /> : <p>{t('assessment.list.noneOverdue')}</p>}
          {due.length > 0 && <AssessmentTable i18n={i18n} items={due} caption={t('assessment.list.due')} />}
        </>
      )}
    </>
  );
}

/** The assessments section of a deployment's page: its published findings (with overdue marks), the member's own, and the start button. */
export function DeploymentAssessments({ i18n, slug, published, mine, canStart }: { i18n: Translator; slug: string; published: ListItem[]; mine: AssessmentRow[]; canStart: boolean }) {
  const t = i18n.t;
  return (
    <section aria-labelledby="assessments-h">
      <h2 id="assessments-h">{t('assessment.section.title')}</h2>
      {published.length === 0 ? <p>{t('assessment.section.none')}</p> : (
        <ul>
          {published.map(({ a, overdue }) => (
            <li>
              <a href={`/assessments/${a.id}/findings`}>{a.title}</a> — {decisionWord(i18n, a.decision!)}
              {a.decision_score ? `, ${t('assessment.section.residual', { band: bandWord(i18n, a.decision_score.overall.residual) })}` : ''}
              {' '}<span class="muted">{t('assessment.section.published', { date: i18n.date(a.published_at!) })}</span>
              {a.status === 'superseded' ? <> <span class="tag">{t('assessment.status.superseded')}</span></> : null}
              {overdue ? <> <strong class="tag overdue">{t('assessment.due.overdueTag')}</strong></> : null}
            </li>
          ))}
        </ul>
      )}
      {mine.length > 0 && (
        <>
          <h3>{t('assessment.section.mine')}</h3>
          <ul>{mine.map((a) => <li><a href={`/assessments/${a.id}`}>{a.title}</a> — <StatusTag i18n={i18n} status={a.status} /></li>)}</ul>
        </>
      )}
      {canStart && <p><a href={`/deployments/${slug}/assessments/new`}>{t('assessment.section.start')}</a></p>}
    </section>
  );
}

/** Starting an assessment of a deployment: a blank one, or an import of an export file. */
export function StartPage({ i18n, deployment, organisations, csrf, error, detail }: {
  i18n: Translator; deployment: { slug: string; title: string }; organisations: { organisationId: string; organisationName: string }[]; csrf: string; error?: string | undefined; detail?: string | undefined;
}) {
  const t = i18n.t;
  const errors: Record<string, string> = error ? { file: error } : {};
  const OrgChoice = ({ idPrefix }: { idPrefix: string }) => organisations.length > 1 ? (
    <div class="field">
      <label for={`${idPrefix}-organisation`}>{t('assessment.start.organisation')}</label>
      <select id={`${idPrefix}-organisation`} name="organisation">{organisations.map((o) => <option value={o.organisationId}>{o.organisationName}</option>)}</select>
    </div>
  ) : null;
  return (
    <>
      <p class="kicker"><a href={`/deployments/${deployment.slug}`}>{deployment.title}</a></p>
      <h1>{t('assessment.start.title')}</h1>
      <p class="lead">{t('assessment.start.intro')}</p>
      <ErrorSummary i18n={i18n} errors={errors} labels={{ file: t('assessment.start.file') }} />
      <section aria-labelledby="blank-h">
        <h2 id="blank-h">{t('assessment.start.blank')}</h2>
        <p>{t('assessment.start.blankHint')}</p>
        <PostForm action={`/deployments/${deployment.slug}/assessments`} csrf={csrf} class="stack">
          <OrgChoice idPrefix="blank" />
          <div class="buttons"><button type="submit">{t('assessment.start.submit')}</button></div>
        </PostForm>
      </section>
      <section aria-labelledby="import-h">
        <h2 id="import-h">{t('assessment.start.import')}</h2>
        <form method="post" action={`/deployments/${deployment.slug}/assessments/import?_csrf=${encodeURIComponent(csrf)}`} enctype="multipart/form-data" class="stack" novalidate>
          <OrgChoice idPrefix="import" />
          <div class={`field${error ? ' field-invalid' : ''}`}>
            <label for={fieldId('file')}>{t('assessment.start.file')}</label>
            <p class="hint" id={`${fieldId('file')}-hint`}>{t('assessment.start.fileHint')}</p>
            {error && <p class="field-error" id={`${fieldId('file')}-error`}><span class="visually-hidden">{t('form.errorPrefix')} </span>{errorText(i18n, error)}</p>}
            {detail && <pre class="field-error wrap-anywhere" dir="ltr">{detail}</pre>}
            <input id={fieldId('file')} name="file" type="file" accept=".json,application/json" aria-invalid={error ? 'true' : undefined}
              aria-describedby={`${fieldId('file')}-hint${error ? ` ${fieldId('file')}-error` : ''}`} />
          </div>
          <div class="buttons"><button type="submit" class="secondary">{t('assessment.start.importSubmit')}</button></div>
        </form>
      </section>
    </>
  );
}

function ChangeValue({ value }: { value: unknown }) {
  if (value === undefined) return <span class="muted">—</span>;
  return <pre class="wrap-anywhere">{typeof value === 'string' ? value : JSON.stringify(value, null, 2)}</pre>;
}

/**
 * Two versions of an assessment (or two editions of it) compared: each question whose answer
 * changed, with both answers. `note` says what the comparison leaves out.
 */
export function ComparePage({ i18n, a, definition, title, before, after, changes, back, note }: {
  i18n: Translator; a: AssessmentRow; definition: Definition; title: string; before: string; after: string; changes: AnswerChange[]; back: string; note?: string;
}) {
  const t = i18n.t;
  return (
    <>
      <p class="kicker"><a href={back}>{a.title}</a></p>
      <h1>{title}</h1>
      {note && <p class="muted">{note}</p>}
      {changes.length === 0 ? <p>{t('assessment.compare.none')}</p> : (
        <div class="table-scroll" tabindex={0} role="region" aria-label={t('assessment.compare.caption', { n: changes.length })}>
          <table class="diff">
            <caption>{t('assessment.compare.caption', { n: changes.length })}</caption>
            <thead><tr><th scope="col">{t('assessment.compare.question')}</th><th scope="col">{before}</th><th scope="col">{after}</th></tr></thead>
            <tbody>
              {changes.map((c) => (
                <tr>
                  <th scope="row">{local(i18n, questionById(definition, c.question)?.label)}</th>
                  <td>{c.before === undefined ? <ChangeValue value={undefined} /> : <del><ChangeValue value={c.before} /></del>}</td>
                  <td>{c.after === undefined ? <ChangeValue value={undefined} /> : <ins><ChangeValue value={c.after} /></ins>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
