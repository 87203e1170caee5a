import type { MessageKey, Translator } from '../../../platform/i18n/i18n.ts';
import { ErrorSummary, errorText, fieldId, PostForm } from '../../../platform/views/forms.tsx';
import type { MappingValues } from '../../domain/column-mapping.ts';
import type { AuditReport } from '../../domain/report.ts';
import type { AuditJob } from '../../store.ts';

// The platform's pages of discrimination audits: uploading a decision log for a deployment,
// mapping its columns, following the job, publishing its report; and the audits section of a
// deployment's public page. Every page works without JavaScript: a running job's page refreshes
// itself (meta refresh) until the job ends.

const megabytes = (bytes: number) => Math.round(bytes / (1024 * 1024));

function FieldError({ i18n, name, error }: { i18n: Translator; name: string; error: string | undefined }) {
  if (!error) return null;
  return <p class="field-error" id={`${fieldId(name)}-error`}><span class="visually-hidden">{i18n.t('form.errorPrefix')} </span>{errorText(i18n, error)}</p>;
}

/** The upload form: multipart, so its CSRF token travels in the form's address. */
export function UploadPage({ i18n, deployment, csrf, error, detail, limitBytes }: {
  i18n: Translator; deployment: { slug: string; title: string }; csrf: string; error?: string | undefined; detail?: string | undefined; limitBytes: number;
}) {
  const t = i18n.t;
  const errors: Record<string, string> = error ? { file: error } : {};
  return (
    <>
      <p class="kicker">{deployment.title}</p>
      <h1>{t('audit.upload.title')}</h1>
      <p>{t('audit.upload.intro')}</p>
      <ul>
        <li>{t('audit.upload.formats')}</li>
        <li>{t('audit.upload.limit', { size: megabytes(limitBytes) })}</li>
        <li>{t('audit.upload.deleted')}</li>
        <li>{t('audit.upload.published')}</li>
      </ul>
      <ErrorSummary i18n={i18n} errors={errors} labels={{ file: t('audit.upload.file') }} />
      <form method="post" action={`/deployments/${deployment.slug}/audits?_csrf=${encodeURIComponent(csrf)}`} enctype="multipart/form-data" class="stack" novalidate>
        <div class={`field${error ? ' field-invalid' : ''}`}>
          <label for={fieldId('file')}>{t('audit.upload.file')}</label>
          <p class="hint" id={`${fieldId('file')}-hint`}>{t('audit.upload.fileHint')}</p>
          <FieldError i18n={i18n} name="file" error={error} />
          {detail && <p class="field-error" dir="ltr">{detail}</p>}
          <input id={fieldId('file')} name="file" type="file" accept=".csv,.gz,.parquet,.jsonl,.ndjson" aria-invalid={error ? 'true' : undefined}
            aria-describedby={`${fieldId('file')}-hint${error ? ` ${fieldId('file')}-error` : ''}`} />
        </div>
        <div class="buttons"><button type="submit">{t('audit.upload.submit')}</button></div>
      </form>
      <p><a href={`/deployments/${deployment.slug}`}>{t('audit.backToDeployment')}</a></p>
    </>
  );
}

/** A choice of one of the file's columns (or none), with its hint and error. */
function ColumnSelect({ i18n, name, label, hint, empty, columns, value, error }: {
  i18n: Translator; name: string; label: string; hint: string; empty: string; columns: string[]; value: string; error: string | undefined;
}) {
  const id = fieldId(name);
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      <p class="hint" id={`${id}-hint`}>{hint}</p>
      <FieldError i18n={i18n} name={name} error={error} />
      <select id={id} name={name} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`} aria-invalid={error ? 'true' : undefined}>
        <option value="">{empty}</option>
        {columns.map((c) => <option value={c} selected={value === c}>{c}</option>)}
      </select>
    </div>
  );
}

/** The column-mapping form of an uploaded file. */
function MappingForm({ i18n, job, csrf, values, errors }: { i18n: Translator; job: AuditJob; csrf: string; values: MappingValues; errors: Record<string, string> }) {
  const t = i18n.t;
  const chosen = new Set([values.protected ?? []].flat());
  const one = (name: string) => String([values[name] ?? ''].flat()[0] ?? '');
  const labels = {
    protected: t('audit.map.protected'), outcome: t('audit.map.outcome'), threshold: t('audit.map.threshold'), label: t('audit.map.label'),
    positive: t('audit.map.positive'), min_cell: t('audit.map.minCell'), round: t('audit.map.round'),
  };
  const invalid = (name: string) => (errors[name] ? ' field-invalid' : '');
  const described = (name: string, hint = true) => [hint ? `${fieldId(name)}-hint` : '', errors[name] ? `${fieldId(name)}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <h2>{t('audit.map.title')}</h2>
      <p>{t('audit.map.intro', { file: job.file_name, columns: job.columns.length })}</p>
      <ErrorSummary i18n={i18n} errors={errors} labels={labels} />
      <PostForm action={`/audits/${job.id}/mapping`} csrf={csrf} class="stack">
        <fieldset class={`field${invalid('protected')}`} id={fieldId('protected')} aria-describedby={described('protected')}>
          <legend>{labels.protected}</legend>
          <p class="hint" id={`${fieldId('protected')}-hint`}>{t('audit.map.protectedHint')}</p>
          <FieldError i18n={i18n} name="protected" error={errors.protected} />
          {job.columns.map((c) => <label class="choice"><input type="checkbox" name="protected" value={c} checked={chosen.has(c)} /> <bdi>{c}</bdi></label>)}
        </fieldset>
        <ColumnSelect i18n={i18n} name="outcome" label={labels.outcome} hint={t('audit.map.outcomeHint')} empty={t('audit.map.choose')} columns={job.columns} value={one('outcome')} error={errors.outcome} />
        <div class={`field${invalid('threshold')}`}>
          <label for={fieldId('threshold')}>{labels.threshold} {t('edit.optional')}</label>
          <p class="hint" id={`${fieldId('threshold')}-hint`}>{t('audit.map.thresholdHint')}</p>
          <FieldError i18n={i18n} name="threshold" error={errors.threshold} />
          <input id={fieldId('threshold')} name="threshold" type="text" inputmode="decimal" dir="ltr" value={one('threshold')} aria-describedby={described('threshold')} aria-invalid={errors.threshold ? 'true' : undefined} />
        </div>
        <ColumnSelect i18n={i18n} name="label" label={`${labels.label} ${t('edit.optional')}`} hint={t('audit.map.labelHint')} empty={t('audit.map.noLabel')} columns={job.columns} value={one('label')} error={errors.label} />
        <fieldset class={`field${invalid('positive')}`} id={fieldId('positive')} aria-describedby={described('positive', false)}>
          <legend>{labels.positive}</legend>
          <FieldError i18n={i18n} name="positive" error={errors.positive} />
          {(['unfavourable', 'favourable'] as const).map((v) => (
            <label class="choice"><input type="radio" name="positive" value={v} checked={(one('positive') || 'unfavourable') === v} /> {t(`audit.map.positive.${v}` as MessageKey)}</label>
          ))}
        </fieldset>
        <div class={`field${invalid('min_cell')}`}>
          <label for={fieldId('min_cell')}>{labels.min_cell}</label>
          <p class="hint" id={`${fieldId('min_cell')}-hint`}>{t('audit.map.minCellHint')}</p>
          <FieldError i18n={i18n} name="min_cell" error={errors.min_cell} />
          <input id={fieldId('min_cell')} name="min_cell" type="text" inputmode="numeric" dir="ltr" value={one('min_cell') || '10'} aria-describedby={described('min_cell')} aria-invalid={errors.min_cell ? 'true' : undefined} />
        </div>
        <fieldset class={`field${invalid('round')}`} id={fieldId('round')}>
          <legend>{labels.round}</legend>
          <FieldError i18n={i18n} name="round" error={errors.round} />
          <label class="choice"><input type="checkbox" name="round" value="5" checked={one('round') === '5'} /> {t('audit.map.roundHint')}</label>
        </fieldset>
        <div class="buttons"><button type="submit">{t('audit.map.submit')}</button></div>
      </PostForm>
      <PostForm action={`/audits/${job.id}/discard`} csrf={csrf}><button type="submit" class="secondary">{t('audit.map.discard')}</button></PostForm>
    </>
  );
}

/** What a finished report says, briefly: counts, findings in sentences, how it was protected. */
export function ReportSummary({ i18n, report, jobId }: { i18n: Translator; report: AuditReport; jobId: string }) {
  const t = i18n.t;
  const s = report.suppression;
  return (
    <>
      <p>{t('audit.report.counted', { rows: report.rows.counted ?? 0, groups: report.groups.length, tests: report.family.tests })}</p>
      {s && <p>{t('audit.report.suppression', { minCell: s.min_cell, primary: s.primary, complementary: s.complementary, cells: s.cells })}{s.rounding_base ? ` ${t('audit.report.rounded', { base: s.rounding_base })}` : ''}</p>}
      <h3>{t('audit.report.findings', { count: report.findings.length })}</h3>
      {report.findings.length ? (
        <ul lang="en" dir="ltr">{report.findings.slice(0, 10).map((f) => <li>{f.sentence}</li>)}</ul>
      ) : <p>{t('audit.report.noFindings')}</p>}
      {report.findings.length > 10 && <p>{t('audit.report.more', { count: report.findings.length - 10 })}</p>}
      <p class="buttons">
        <a href={`/audits/${jobId}/report.html`}>{t('audit.report.html')}</a>
        <a href={`/audits/${jobId}/report.json`}>{t('audit.report.json')}</a>
      </p>
      {i18n.locale !== 'en' && <p class="hint">{t('audit.report.english')}</p>}
    </>
  );
}

/** One audit job: its mapping form, its progress, its failure, or its report (and, for another editor, the publish button). */
export function JobPage({ i18n, job, csrf, canMap, canPublish, form }: {
  i18n: Translator; job: AuditJob; csrf: string; canMap: boolean; canPublish: boolean; form?: { values: MappingValues; errors: Record<string, string> } | undefined;
}) {
  const t = i18n.t;
  const status = job.published_at ? 'published' : job.status;
  return (
    <>
      <p class="kicker"><a href={`/deployments/${job.deployment_slug}`}>{job.deployment_title}</a></p>
      <h1>{t('audit.job.title')}</h1>
      <p class="meta">{t(`audit.status.${status}` as MessageKey)} · <bdi>{job.file_name}</bdi> · {i18n.date(job.created_at)}</p>
      {job.status === 'uploaded' && canMap && <MappingForm i18n={i18n} job={job} csrf={csrf} values={form?.values ?? {}} errors={form?.errors ?? {}} />}
      {job.status === 'uploaded' && !canMap && <p>{t('audit.job.awaitingMapping')}</p>}
      {(job.status === 'queued' || job.status === 'running') && (
        <div role="status">
          <p>{job.status === 'queued' ? t('audit.job.queued') : t('audit.job.running', { progress: Math.floor(job.progress) })}</p>
          <progress max={100} value={job.status === 'running' ? Math.floor(job.progress) : undefined} aria-label={t('audit.job.progress')}>{Math.floor(job.progress)}%</progress>
          <p class="hint">{t('audit.job.refresh')}</p>
        </div>
      )}
      {job.status === 'failed' && (
        <div class="error-summary" role="alert">
          <h2>{t('audit.job.failed')}</h2>
          <p dir="ltr">{job.error === 'internal' ? t('audit.job.internal') : job.error === 'interrupted' ? t('audit.job.interrupted') : job.error}</p>
          <p>{t('audit.job.fileDeleted')} <a href={`/deployments/${job.deployment_slug}/audits/new`}>{t('audit.job.uploadAgain')}</a></p>
        </div>
      )}
      {job.status === 'discarded' && <p>{t('audit.job.discarded')}</p>}
      {job.status === 'done' && job.report && (
        <>
          <p>{t('audit.job.fileDeleted')}</p>
          <h2>{t('audit.report.title')}</h2>
          <ReportSummary i18n={i18n} report={job.report} jobId={job.id} />
          {job.published_at ? <p class="notice" role="status">{t('audit.job.publishedOn', { date: i18n.date(job.published_at) })}</p> : canPublish ? (
            <PostForm action={`/audits/${job.id}/publish`} csrf={csrf}>
              <p>{t('audit.job.publishHint')}</p>
              <button type="submit">{t('audit.job.publish')}</button>
            </PostForm>
          ) : <p>{t('audit.job.awaitingEditor')}</p>}
        </>
      )}
    </>
  );
}

/** The audits section of a deployment's page: its published audits, and for members their own jobs and the upload link. */
export function DeploymentAudits({ i18n, slug, published, mine, canUpload }: { i18n: Translator; slug: string; published: AuditJob[]; mine: AuditJob[]; canUpload: boolean }) {
  const t = i18n.t;
  if (!published.length && !mine.length && !canUpload) return null;
  const unpublished = mine.filter((j) => !j.published_at);
  return (
    <section aria-labelledby="audits-h">
      <h2 id="audits-h">{t('audit.section.title')}</h2>
      {published.length === 0 && <p>{t('audit.section.none')}</p>}
      {published.map((job) => (
        <article class="audit">
          <h3><a href={`/audits/${job.id}`}>{t('audit.section.item', { date: i18n.date(job.published_at!) })}</a></h3>
          {job.report && <ReportSummary i18n={i18n} report={job.report} jobId={job.id} />}
        </article>
      ))}
      {unpublished.length > 0 && (
        <>
          <h3>{t('audit.section.mine')}</h3>
          <ul>{unpublished.map((j) => <li><a href={`/audits/${j.id}`}><bdi>{j.file_name}</bdi></a> — {t(`audit.status.${j.status}` as MessageKey)}, {i18n.date(j.created_at)}</li>)}</ul>
        </>
      )}
      {canUpload && <p><a href={`/deployments/${slug}/audits/new`}>{t('audit.section.upload')}</a></p>}
    </section>
  );
}
