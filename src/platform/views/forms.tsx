import type { ComponentChildren } from 'preact';
import type { MessageKey, Translator } from '../i18n/i18n.ts';

// Form parts after the GOV.UK pattern: an error summary at the top that links to each field,
// and the message again beside its field; fields keep what the user typed.

/** A form's problems by field name, as message codes (see messages "form.error.*"). */
export type FieldErrors = Record<string, string>;

export const fieldId = (name: string) => `field-${name}`;
const errorId = (name: string) => `field-${name}-error`;

/** The message for an error code, falling back to the generic one for codes without their own text. */
export function errorText(i18n: Translator, code: string): string {
  const key = `form.error.${code}` as MessageKey;
  const text = i18n.t(key);
  return text === key ? i18n.t('form.error.invalid') : text;
}

export function ErrorSummary({ i18n, errors, labels }: { i18n: Translator; errors: FieldErrors; labels: Record<string, string> }) {
  // In the order the fields appear (the labels' order), then any others.
  const order = Object.keys(labels);
  const entries = Object.entries(errors).sort(([a], [b]) => (order.indexOf(a) >>> 0) - (order.indexOf(b) >>> 0));
  if (!entries.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{i18n.t('form.errorSummary')}</h2>
      <ul>
        {entries.map(([name, code]) => (
          <li><a href={`#${fieldId(name)}`}>{labels[name] ? `${labels[name]}: ` : ''}{errorText(i18n, code)}</a></li>
        ))}
      </ul>
    </div>
  );
}

type FieldProps = {
  i18n: Translator; name: string; label: string; errors: FieldErrors; value?: string; hint?: string;
  type?: 'text' | 'email' | 'password'; autocomplete?: string; inputmode?: 'numeric' | 'text';
};

export function TextField({ i18n, name, label, errors, value, hint, type = 'text', autocomplete, inputmode }: FieldProps) {
  const error = errors[name];
  const described = [hint ? `${fieldId(name)}-hint` : '', error ? errorId(name) : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={fieldId(name)}>{label}</label>
      {hint && <p class="hint" id={`${fieldId(name)}-hint`}>{hint}</p>}
      {error && <p class="field-error" id={errorId(name)}><span class="visually-hidden">{i18n.t('form.errorPrefix')} </span>{errorText(i18n, error)}</p>}
      <input
        id={fieldId(name)} name={name} type={type} value={type === 'password' ? undefined : value} autocomplete={autocomplete}
        inputmode={inputmode} aria-invalid={error ? 'true' : undefined} aria-describedby={described || undefined}
      />
    </div>
  );
}

/** A form that posts to this site, with its CSRF token. */
export function PostForm({ action, csrf, children, class: className }: { action: string; csrf: string; children: ComponentChildren; class?: string }) {
  return (
    <form method="post" action={action} class={className} novalidate>
      <input type="hidden" name="_csrf" value={csrf} />
      {children}
    </form>
  );
}
