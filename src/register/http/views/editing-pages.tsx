import type { MessageKey, Translator } from '../../../platform/i18n/i18n.ts';
import { ErrorSummary, PostForm, errorText, fieldId, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { FieldChange } from '../../domain/record-diff.ts';
import { SHARING_PARTIES, SHARING_SCALES } from '../../../redlines/domain/profile.ts';
import { RECORD_FORMS, recordTitle, type EditableType, type FormField, type FormValues } from '../../domain/record-forms.ts';
import { recordPath } from '../../domain/vocabulary.ts';
import type { DraftRow, ReviewRow, RevisionRow } from '../../store/editorial.ts';
import type { Withdrawal } from '../../unpublish-record.ts';

// The editing pages: the record forms (rendered from the descriptors in domain/record-forms.ts),
// the drafts list, a draft with its changes and reviews, and a record's public history.

const label = (i18n: Translator, name: string) => i18n.t(`edit.field.${name}` as MessageKey);
const optionLabel = (i18n: Translator, field: FormField, value: string) => (field.optionLabels ? i18n.t(`${field.optionLabels}.${value}` as MessageKey) : value);
const HINTS = new Set(['countries', 'sites', 'affectedGroups', 'techniques', 'dataCategories', 'sources', 'unverified', 'technology', 'deployer', 'country', 'periodStart', 'periodEnd', 'publishedOn']);

const PROFILE_HINTS = new Set(['profile.inputs', 'profile.dataSharing']);

/** "Not known" or "Known, as follows": the first question of a profile answer that may be unknown. */
function KnownChoice({ i18n, field, known }: { i18n: Translator; field: FormField; known: string }) {
  const name = `${field.name}.known`;
  return (
    <div class="known">
      <label class="choice"><input type="radio" name={name} value="unknown" checked={known !== 'known'} /> {i18n.t('profile.unknown')}</label>
      <label class="choice"><input type="radio" name={name} value="known" checked={known === 'known'} /> {i18n.t('edit.profile.known')}</label>
    </div>
  );
}

/** A profile's data sharing: one row per recipient (with, scale, legal basis), plus empty rows to add more. */
function SharingRows({ i18n, values }: { i18n: Translator; values: FormValues }) {
  const column = (name: string) => { const v = values[`profile.dataSharing.${name}`]; return Array.isArray(v) ? v : v === undefined ? [] : [v]; };
  const [parties, scales, bases] = [column('with'), column('scale'), column('legalBasis')];
  const count = Math.max(parties.length, bases.length) + 2;
  return (
    <>
      {Array.from({ length: count }, (_, i) => {
        const id = `${fieldId('profile.dataSharing')}-${i}`;
        return (
          <fieldset class="sharing-row">
            <legend>{i18n.t('edit.profile.sharingRow', { number: i + 1 })}</legend>
            <label for={`${id}-with`}>{i18n.t('edit.profile.sharingWith')}</label>
            <select id={`${id}-with`} name="profile.dataSharing.with">
              <option value="">{i18n.t('edit.profile.sharingNone')}</option>
              {SHARING_PARTIES.map((o) => <option value={o} selected={parties[i] === o}>{i18n.t(`sharing.${o}` as MessageKey)}</option>)}
            </select>
            <label for={`${id}-scale`}>{i18n.t('edit.profile.sharingScale')}</label>
            <select id={`${id}-scale`} name="profile.dataSharing.scale">
              {[...SHARING_SCALES, 'unknown'].map((o) => <option value={o} selected={(scales[i] || 'unknown') === o}>{i18n.t(`scale.${o}` as MessageKey)}</option>)}
            </select>
            <label for={`${id}-basis`}>{i18n.t('edit.profile.sharingBasis')}</label>
            <input type="text" id={`${id}-basis`} name="profile.dataSharing.legalBasis" value={bases[i] ?? ''} />
          </fieldset>
        );
      })}
    </>
  );
}

function Field({ i18n, field, values, error }: { i18n: Translator; field: FormField; values: FormValues; error: string | undefined }) {
  const value = values[field.name];
  const id = fieldId(field.name);
  const hint = HINTS.has(field.name) || PROFILE_HINTS.has(field.name) ? i18n.t(`edit.hint.${field.name}` as MessageKey) : undefined;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const text = Array.isArray(value) ? value.join('\n') : (value ?? '');
  const common = { id, name: field.name, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': described };
  const head = (
    <>
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="field-error" id={`${id}-error`}><span class="visually-hidden">{i18n.t('form.errorPrefix')} </span>{errorText(i18n, error)}</p>}
    </>
  );
  const known = field.unknownable ? <KnownChoice i18n={i18n} field={field} known={String(values[`${field.name}.known`] ?? 'unknown')} /> : null;
  if (field.kind === 'checkboxes' || field.kind === 'sharing' || (field.unknownable && field.kind === 'lines')) {
    const ticked = new Set(Array.isArray(value) ? value : value ? [value] : []);
    return (
      <fieldset class={`field${error ? ' field-invalid' : ''}`} id={id} aria-describedby={described}>
        <legend>{label(i18n, field.name)}</legend>
        {head}
        {known}
        {field.kind === 'sharing' ? <SharingRows i18n={i18n} values={values} />
          : field.kind === 'lines' ? <textarea name={field.name} aria-label={label(i18n, field.name)} rows={4}>{text}</textarea>
          : field.options!.map((o) => <label class="choice"><input type="checkbox" name={field.name} value={o} checked={ticked.has(o)} /> {optionLabel(i18n, field, o)}</label>)}
      </fieldset>
    );
  }
  // A choice that may be "unknown" is unknown until someone says otherwise.
  const selected = text || (field.options?.includes('unknown') ? 'unknown' : '');
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label(i18n, field.name)}{field.required ? '' : ` ${i18n.t('edit.optional')}`}</label>
      {head}
      {field.kind === 'select' ? (
        <select {...common}>
          {!field.required && <option value="">{i18n.t('edit.notSet')}</option>}
          {field.options!.map((o) => <option value={o} selected={selected === o}>{optionLabel(i18n, field, o)}</option>)}
        </select>
      ) : ['textarea', 'lines', 'citations'].includes(field.kind) ? (
        <textarea {...common} rows={field.kind === 'textarea' ? 5 : 4}>{text}</textarea>
      ) : (
        <input {...common} type={field.kind === 'date' ? 'text' : field.kind === 'url' ? 'url' : 'text'} value={text} inputmode={field.kind === 'date' ? 'numeric' : undefined} dir={['url', 'ref', 'codes', 'date'].includes(field.kind) ? 'ltr' : undefined} />
      )}
    </div>
  );
}

export function RecordForm({ i18n, type, action, csrf, values, errors, similar, canSubmit = true }: {
  i18n: Translator; type: EditableType; action: string; csrf: string; values: Record<string, string | string[]>; errors: FieldErrors;
  similar?: { slug: string; name: string }[] | undefined; canSubmit?: boolean;
}) {
  const fields = RECORD_FORMS[type].fields;
  const labels = Object.fromEntries(fields.map((f) => [f.name, label(i18n, f.name)]));
  return (
    <>
      <ErrorSummary i18n={i18n} errors={errors} labels={labels} />
      {similar?.length ? (
        <div class="notice" role="status">
          <p>{i18n.t('edit.similar')}</p>
          <ul>{similar.map((s) => <li><a href={recordPath(type, s.slug)}>{s.name}</a></li>)}</ul>
        </div>
      ) : null}
      <PostForm action={action} csrf={csrf} class="stack">
        {fields.map((f, i) => (
          <>
            {f.name.startsWith('profile.') && !fields[i - 1]?.name.startsWith('profile.') ? (
              <><h2>{i18n.t('edit.field.profile')}</h2><p class="hint">{i18n.t('edit.profile.intro')}</p></>
            ) : null}
            <Field i18n={i18n} field={f} values={values} error={errors[f.name]} />
          </>
        ))}
        {similar?.length ? <label class="choice"><input type="checkbox" name="notDuplicate" value="yes" /> {i18n.t('edit.notDuplicate')}</label> : null}
        <div class="buttons">
          <button type="submit" name="intent" value="save" class="secondary">{i18n.t('edit.saveDraft')}</button>
          {canSubmit && <button type="submit" name="intent" value="submit">{i18n.t('edit.saveAndSubmit')}</button>}
        </div>
      </PostForm>
    </>
  );
}

const statusLabel = (i18n: Translator, status: string) => i18n.t(`draft.status.${status}` as MessageKey);

export function DraftsPage({ i18n, mine, waiting }: { i18n: Translator; mine: DraftRow[]; waiting: DraftRow[] | null }) {
  const t = i18n.t;
  const list = (rows: DraftRow[]) => rows.length ? (
    <table>
      <thead><tr><th scope="col">{t('draft.record')}</th><th scope="col">{t('draft.statusLabel')}</th><th scope="col">{t('draft.by')}</th><th scope="col">{t('draft.updated')}</th></tr></thead>
      <tbody>{rows.map((d) => (
        <tr>
          <td><a href={`/drafts/${d.id}`}>{recordTitle(d.record_type, d.payload)}</a> <span class="meta">({t(`edit.type.${d.record_type}` as MessageKey)}{d.is_new ? `, ${t('draft.new')}` : ''})</span></td>
          <td>{statusLabel(i18n, d.status)}</td>
          <td>{d.organisation_name}</td>
          <td>{i18n.date(d.updated_at)}</td>
        </tr>
      ))}</tbody>
    </table>
  ) : <p class="muted">{t('draft.none')}</p>;
  return (
    <>
      <h1>{t('draft.title')}</h1>
      <p>{t('draft.newLabel')}</p>
      <ul class="chips">{(['deployment', 'organisation', 'technology', 'source', 'contract', 'relation'] as const).map((type) => <li><a href={`/drafts/new/${type}`}>{t(`edit.type.${type}`)}</a></li>)}</ul>
      {waiting && (<><h2>{t('draft.waiting')}</h2>{list(waiting)}</>)}
      <h2>{t('draft.mine')}</h2>
      {list(mine)}
    </>
  );
}

function valueText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? Object.values(v as object).flat().join(': ') : String(v))).join('; ');
  return String(value);
}

/** A value as readers see it: vocabulary in their language, country names, lists joined. */
function shown(i18n: Translator, type: EditableType, field: string, value: unknown): string {
  const descriptor = RECORD_FORMS[type].fields.find((f) => f.name === field);
  const one = (v: unknown): string => {
    if (typeof v !== 'string') return valueText(v);
    if (field === 'countries' || field === 'country') return i18n.country(v);
    if (descriptor?.optionLabels) return optionLabel(i18n, descriptor, v);
    return v;
  };
  return Array.isArray(value) ? value.map(one).join('; ') : one(value);
}

/** A field-by-field comparison, as a table: before and after. */
export function ChangesTable({ i18n, type, changes }: { i18n: Translator; type: EditableType; changes: FieldChange[] }) {
  if (!changes.length) return <p class="muted">{i18n.t('history.noChange')}</p>;
  return (
    <table class="diff">
      <thead><tr><th scope="col">{i18n.t('history.field')}</th><th scope="col">{i18n.t('history.before')}</th><th scope="col">{i18n.t('history.after')}</th></tr></thead>
      <tbody>{changes.map((c) => (
        <tr>
          <th scope="row">{label(i18n, c.field) === `edit.field.${c.field}` ? c.field : label(i18n, c.field)}</th>
          <td><del>{shown(i18n, type, c.field, c.removedItems ?? c.before)}</del></td>
          <td><ins>{shown(i18n, type, c.field, c.addedItems ?? c.after)}</ins></td>
        </tr>
      ))}</tbody>
    </table>
  );
}

export function DraftPage({ i18n, csrf, draft, changes, reviews, canEdit, canReview, form }: {
  i18n: Translator; csrf: string; draft: DraftRow; changes: FieldChange[]; reviews: ReviewRow[]; canEdit: boolean; canReview: boolean;
  form?: { values: Record<string, string | string[]>; errors: FieldErrors } | undefined;
}) {
  const t = i18n.t;
  const title = recordTitle(draft.record_type, draft.payload);
  const editable = canEdit && (draft.status === 'draft' || draft.status === 'changes_requested');
  return (
    <>
      <p class="kicker">{t(`edit.type.${draft.record_type}` as MessageKey)} · {statusLabel(i18n, draft.status)}</p>
      <h1>{title}</h1>
      <p class="meta">{t('draft.meta', { organisation: draft.organisation_name, name: draft.author_name, date: i18n.date(draft.updated_at) })}</p>
      {draft.status === 'published' && <p class="notice" role="status"><a href={recordPath(draft.record_type, draft.target_slug)}>{t('draft.publishedLink')}</a></p>}
      <h2>{draft.is_new ? t('draft.newRecord') : t('draft.changes')}</h2>
      <ChangesTable i18n={i18n} type={draft.record_type} changes={changes} />
      {reviews.length > 0 && (
        <>
          <h2>{t('draft.reviews')}</h2>
          <ul>{reviews.map((r) => <li><strong>{t(`draft.decision.${r.decision}` as MessageKey)}</strong> — {r.reviewer_name}, {i18n.date(r.reviewed_at)}{r.comment ? <blockquote>{r.comment}</blockquote> : null}</li>)}</ul>
        </>
      )}
      {canReview && draft.status === 'in_review' && (
        <>
          <h2>{t('review.title')}</h2>
          <ErrorSummary i18n={i18n} errors={form?.errors.comment ? { comment: form.errors.comment } : {}} labels={{ comment: t('review.comment') }} />
          <PostForm action={`/drafts/${draft.id}/review`} csrf={csrf} class="stack">
            <div class={`field${form?.errors.comment ? ' field-invalid' : ''}`}>
              <label for="field-comment">{t('review.comment')}</label>
              <p class="hint" id="field-comment-hint">{t('review.commentHint')}</p>
              {form?.errors.comment && <p class="field-error" id="field-comment-error">{errorText(i18n, form.errors.comment)}</p>}
              <textarea id="field-comment" name="comment" rows={4} aria-describedby={form?.errors.comment ? 'field-comment-hint field-comment-error' : 'field-comment-hint'}>{String(form?.values.comment ?? '')}</textarea>
            </div>
            <div class="buttons">
              <button type="submit" name="decision" value="approve">{t('review.approve')}</button>
              <button type="submit" name="decision" value="request_changes" class="secondary">{t('review.requestChanges')}</button>
            </div>
          </PostForm>
        </>
      )}
      {canEdit && draft.status === 'in_review' && (
        <PostForm action={`/drafts/${draft.id}/move`} csrf={csrf}><button type="submit" name="step" value="withdraw" class="secondary">{t('draft.withdraw')}</button></PostForm>
      )}
      {editable && (
        <>
          <h2>{t('draft.edit')}</h2>
          <RecordForm i18n={i18n} type={draft.record_type} action={`/drafts/${draft.id}`} csrf={csrf} values={form?.values ?? {}} errors={form?.errors ?? {}} />
          <PostForm action={`/drafts/${draft.id}/move`} csrf={csrf}><button type="submit" name="step" value="discard" class="secondary">{t('draft.discard')}</button></PostForm>
        </>
      )}
    </>
  );
}

export function HistoryPage({ i18n, type, slug, title, revisions, changes, signedIn, canUnpublish, withdrawal }: {
  i18n: Translator; type: EditableType; slug: string; title: string; revisions: RevisionRow[]; changes: Map<number, FieldChange[]>; signedIn: boolean;
  canUnpublish: boolean; withdrawal?: Withdrawal | undefined;
}) {
  const t = i18n.t;
  const credit = (r: RevisionRow) => r.credit.kind === 'import'
    ? t('history.imported')
    : t('history.credit', { organisation: r.credit.organisation, role: t(`role.${r.credit.role}` as MessageKey) }) + (r.credit.name ? ` (${r.credit.name})` : '');
  return (
    <>
      <p class="kicker">{t(`edit.type.${type}` as MessageKey)}</p>
      <h1>{t('history.title', { title })}</h1>
      {withdrawal && <WithdrawalNotice i18n={i18n} withdrawal={withdrawal} />}
      <p>
        {!withdrawal && <a href={recordPath(type, slug)}>{t('history.back')}</a>}
        {signedIn && !withdrawal && <> · <a href={`/drafts/new/${type}?from=${encodeURIComponent(slug)}`}>{t('history.propose')}</a></>}
        {canUnpublish && !withdrawal && <> · <a href={`${recordPath(type, slug)}/unpublish`}>{t('withdraw.link')}</a></>}
      </p>
      {!revisions.length && <p class="muted">{t('history.none')}</p>}
      {revisions.map((r) => (
        <section class="revision" aria-labelledby={`rev-${r.number}`}>
          <h2 id={`rev-${r.number}`}><a href={`${recordPath(type, slug)}/history/${r.number}`}>{t('history.revision', { number: r.number })}</a></h2>
          <p class="meta">{i18n.date(r.published_at)} · {credit(r)}</p>
          <ChangesTable i18n={i18n} type={type} changes={changes.get(r.number) ?? []} />
        </section>
      ))}
    </>
  );
}

export function RevisionPage({ i18n, type, slug, revision }: { i18n: Translator; type: EditableType; slug: string; revision: RevisionRow }) {
  const t = i18n.t;
  return (
    <>
      <p class="kicker">{t('history.revision', { number: revision.number })} · {i18n.date(revision.published_at)}</p>
      <h1>{recordTitle(type, revision.payload)}</h1>
      <p><a href={`${recordPath(type, slug)}/history`}>{t('history.all')}</a></p>
      <dl class="facts">
        {RECORD_FORMS[type].fields.filter((f) => valueText(revision.payload[f.name]) !== '').map((f) => (
          <><dt>{label(i18n, f.name)}</dt><dd>{shown(i18n, type, f.name, revision.payload[f.name])}</dd></>
        ))}
      </dl>
    </>
  );
}

/** Why a record is no longer on the register, shown at its address and on its history. */
export function WithdrawalNotice({ i18n, withdrawal }: { i18n: Translator; withdrawal: Withdrawal }) {
  const t = i18n.t;
  return (
    <div class="notice" role="status">
      <p><strong>{t('withdraw.notice', { date: i18n.date(withdrawal.withdrawn_at), organisation: withdrawal.credit.organisation, role: t(`role.${withdrawal.credit.role}` as MessageKey) })}</strong></p>
      <p>{t('withdraw.reasonShown', { reason: withdrawal.reason })}</p>
    </div>
  );
}

export function WithdrawnPage({ i18n, type, slug, withdrawal }: { i18n: Translator; type: EditableType; slug: string; withdrawal: Withdrawal }) {
  return (
    <>
      <p class="kicker">{i18n.t(`edit.type.${type}` as MessageKey)}</p>
      <h1>{withdrawal.title}</h1>
      <WithdrawalNotice i18n={i18n} withdrawal={withdrawal} />
      <p><a href={`${recordPath(type, slug)}/history`}>{i18n.t('record.history')}</a></p>
    </>
  );
}

export function UnpublishPage({ i18n, csrf, type, slug, title, reason, errors, dependants }: {
  i18n: Translator; csrf: string; type: EditableType; slug: string; title: string; reason: string; errors: FieldErrors; dependants?: Record<string, number> | undefined;
}) {
  const t = i18n.t;
  return (
    <>
      <h1>{t('withdraw.title', { title })}</h1>
      <p>{t('withdraw.intro')}</p>
      <ErrorSummary i18n={i18n} errors={errors} labels={{ reason: t('withdraw.reason') }} />
      {dependants && (
        <ul>{Object.entries(dependants).map(([kind, n]) => <li>{t(`withdraw.dependants.${kind}` as MessageKey, { count: n })}</li>)}</ul>
      )}
      <PostForm action={`${recordPath(type, slug)}/unpublish`} csrf={csrf} class="stack">
        <div class={`field${errors.reason ? ' field-invalid' : ''}`}>
          <label for="field-reason">{t('withdraw.reason')}</label>
          <p class="hint" id="field-reason-hint">{t('withdraw.reasonHint')}</p>
          {errors.reason && <p class="field-error" id="field-reason-error">{errorText(i18n, errors.reason)}</p>}
          <textarea id="field-reason" name="reason" rows={4} aria-invalid={errors.reason ? 'true' : undefined} aria-describedby={errors.reason ? 'field-reason-hint field-reason-error' : 'field-reason-hint'}>{reason}</textarea>
        </div>
        <button type="submit">{t('withdraw.submit')}</button>
      </PostForm>
    </>
  );
}
