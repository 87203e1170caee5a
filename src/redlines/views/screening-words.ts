import type { MessageKey, Translator } from '../../platform/i18n/i18n.ts';
import type { Reason } from '../domain/categories.ts';

// A screening's reasons and open questions in plain words of the reader's language, for the pages
// and for everything else that says them (the advocacy briefs). Pure.

/** Text of another direction (an English section name, a field name as the sources spell it) isolated for bidi. */
export const isolate = (text: string) => `\u2068${text}\u2069`;

export const labels = (i18n: Translator, prefix: string, values: readonly string[]) => i18n.list(values.map((v) => i18n.t(`${prefix}.${v}` as MessageKey)));

/** One sensitive input in words: "“nationality”: nationality" or a proxy with why. */
export function sensitiveInputWords(i18n: Translator, input: Extract<Reason, { code: 'sensitive_inputs' }>['inputs'][number]): string {
  const characteristics = labels(i18n, 'taxonomy.characteristic', input.characteristics);
  return input.proxy
    ? i18n.t('screening.input.proxy', { input: isolate(input.input), characteristics, why: i18n.t(`taxonomy.why.${input.proxy}` as MessageKey) })
    : i18n.t('screening.input.characteristic', { input: isolate(input.input), characteristics });
}

/** Why a red line applies, in one line (the sensitive inputs listed after a colon). */
export function reasonWords(i18n: Translator, reason: Reason): string {
  const t = i18n.t;
  switch (reason.code) {
    case 'does': return t('screening.reason.does', { items: labels(i18n, 'capability', reason.capabilities) });
    case 'migration_context': return t('screening.reason.migration_context', { items: labels(i18n, 'context', reason.contexts) });
    case 'remote_biometric_identification': return t('screening.reason.remote_biometric_identification', { modes: labels(i18n, 'screening.mode', reason.modes) });
    case 'bulk_sharing': return t('screening.reason.bulk_sharing', { party: t(`sharing.${reason.with}` as MessageKey) });
    case 'sensitive_inputs': {
      const items = reason.inputs.map((input) => sensitiveInputWords(i18n, input));
      if (reason.infersFromBiometrics) items.push(t('screening.input.biometric'));
      return `${t('screening.reason.sensitive_inputs')} ${items.join('; ')}`;
    }
    default: return t(`screening.reason.${reason.code}` as MessageKey);
  }
}

/** An open question ("capabilities", "dataSharing.police.scale") in plain words. */
export function questionWords(i18n: Translator, q: string): string {
  const scale = q.match(/^dataSharing\.(\w+)\.scale$/);
  if (scale) return i18n.t('screening.question.sharingScale', { party: i18n.t(`sharing.${scale[1]}` as MessageKey) });
  return i18n.t(`screening.question.${q}` as MessageKey);
}
