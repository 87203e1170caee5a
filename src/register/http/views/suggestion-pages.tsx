import type { Translator } from '../../../platform/i18n/i18n.ts';
import { ErrorSummary, PostForm, TextField, errorText, type FieldErrors } from '../../../platform/views/forms.tsx';
import { recordPath } from '../../domain/vocabulary.ts';
import type { SuggestionRow } from '../../store/suggestions.ts';
import type { PowChallenge } from '../../suggestion-guard.ts';

export function SuggestionFormPage({ i18n, csrf, action, title, pow, shown, values, errors, notice }: {
  i18n: Translator; csrf: string; action: string; title: string; pow: PowChallenge; shown: string;
  values: Record<string, string>; errors: FieldErrors; notice?: string | undefined;
}) {
  const t = i18n.t;
  const labels = { body: t('suggest.body'), sources: t('suggest.sources'), contact: t('suggest.contact') };
  return (
    <>
      <h1>{title}</h1>
      <p>{t('suggest.intro')}</p>
      {notice && <p class="notice" role="status">{notice}</p>}
      <ErrorSummary i18n={i18n} errors={errors} labels={labels} />
      <form method="post" action={action} class="stack" novalidate data-pow-algorithm={pow.algorithm} data-pow-challenge={pow.challenge}
        data-pow-salt={pow.salt} data-pow-signature={pow.signature} data-pow-max={String(pow.maxnumber)}>
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="shown" value={shown} />
        <input type="hidden" name="altcha" value="" />
        <div class={`field${errors.body ? ' field-invalid' : ''}`}>
          <label for="field-body">{labels.body}</label>
          <p class="hint" id="field-body-hint">{t('suggest.bodyHint')}</p>
          {errors.body && <p class="field-error" id="field-body-error">{errorText(i18n, errors.body)}</p>}
          <textarea id="field-body" name="body" rows={6} aria-invalid={errors.body ? 'true' : undefined} aria-describedby={errors.body ? 'field-body-hint field-body-error' : 'field-body-hint'}>{values.body ?? ''}</textarea>
        </div>
        <div class={`field${errors.sources ? ' field-invalid' : ''}`}>
          <label for="field-sources">{labels.sources} {t('edit.optional')}</label>
          <p class="hint" id="field-sources-hint">{t('suggest.sourcesHint')}</p>
          {errors.sources && <p class="field-error" id="field-sources-error">{errorText(i18n, errors.sources)}</p>}
          <textarea id="field-sources" name="sources" rows={3} dir="ltr" aria-invalid={errors.sources ? 'true' : undefined} aria-describedby={errors.sources ? 'field-sources-hint field-sources-error' : 'field-sources-hint'}>{values.sources ?? ''}</textarea>
        </div>
        <TextField i18n={i18n} name="contact" label={`${labels.contact} ${t('edit.optional')}`} hint={t('suggest.contactHint')} errors={errors} value={values.contact} autocomplete="email" />
        <div class="hp" aria-hidden="true">
          <label for="field-website">{t('suggest.honeypot')}</label>
          <input id="field-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
        </div>
        <p id="pow-status" class="meta" aria-live="polite" data-done={t('suggest.powDone')}>{t('suggest.noScript')}</p>
        <button type="submit">{t('suggest.send')}</button>
      </form>
    </>
  );
}

export function SuggestionThanksPage({ i18n, back }: { i18n: Translator; back: string }) {
  return (
    <>
      <h1>{i18n.t('suggest.thanksTitle')}</h1>
      <p>{i18n.t('suggest.thanks')}</p>
      <p><a href={back}>{i18n.t('suggest.back')}</a></p>
    </>
  );
}

export function SuggestionQueuePage({ i18n, csrf, items }: { i18n: Translator; csrf: string; items: SuggestionRow[] }) {
  const t = i18n.t;
  return (
    <>
      <h1>{t('suggest.queueTitle')}</h1>
      {!items.length && <p class="muted">{t('draft.none')}</p>}
      {items.map((s) => (
        <section class="suggestion" aria-labelledby={`s-${s.id}`}>
          <h2 id={`s-${s.id}`}>
            {s.kind === 'technology' ? t('suggest.technologyTitle')
              : <a href={recordPath(s.record_type!, s.record_slug!)}>{t('suggest.correctionOf', { slug: s.record_slug! })}</a>}
          </h2>
          <p class="meta">{i18n.date(s.created_at)}{s.contact ? ` · ${t('suggest.contact')}: ${s.contact}` : ''}</p>
          <blockquote>{s.body}</blockquote>
          {s.sources.length > 0 && <ul>{s.sources.map((u) => <li><a href={u} rel="noopener noreferrer">{u}</a></li>)}</ul>}
          <PostForm action={`/suggestions/${s.id}/close`} csrf={csrf} class="stack">
            <label for={`note-${s.id}`}>{t('suggest.note')}</label>
            <input id={`note-${s.id}`} name="note" type="text" />
            <div class="buttons">
              <button type="submit" name="outcome" value="accepted">{t('suggest.accept')}</button>
              <button type="submit" name="outcome" value="dismissed" class="secondary">{t('suggest.dismiss')}</button>
            </div>
          </PostForm>
        </section>
      ))}
    </>
  );
}
