import type { MessageKey, Translator } from '../../../platform/i18n/i18n.ts';
import type { Reason } from '../../domain/categories.ts';
import { UNKNOWN, type SystemProfile } from '../../domain/profile.ts';
import type { RedLineFacetValue, Screening, Verdict } from '../../domain/screen-profile.ts';
import { GlossaryText, glossaryLinks } from '../../../briefs/http/views/glossary-text.tsx';
import { isolate, labels, questionWords as question, reasonWords, sensitiveInputWords } from '../../views/screening-words.ts';

// How a red-line screening reads on the register's pages: a badge in lists, and on a deployment's
// page the verdict, each finding in plain words with the briefing's passage, what could not be
// decided, and the profile it rests on. Every label is translated; the briefing is quoted in its
// own language (English), marked as such.

type Props = { i18n: Translator };

/** The verdict as a short badge: "Red line: A, D", "No red line found" or "Not enough information". */
export function RedLineBadge({ i18n, verdict, categories }: Props & { verdict: Verdict; categories: readonly RedLineFacetValue[] }) {
  if (verdict === 'red_line') {
    return <span class="badge redline">{i18n.t('screening.badge.red_line', { categories: categories.filter((c) => c.length === 1).join(', ') })}</span>;
  }
  return verdict === 'no_red_line_found'
    ? <span class="badge clear">{i18n.t('screening.badge.none')}</span>
    : <span class="badge undetermined">{i18n.t('screening.badge.undetermined')}</span>;
}

/** The label of a value of the "red lines" facet. */
export const redLineFacetLabel = (i18n: Translator, value: string) =>
  value.length === 1 ? i18n.t(`redline.${value}` as MessageKey) : i18n.t(value === 'none' ? 'screening.badge.none' : 'screening.badge.undetermined');

function ReasonItem({ i18n, reason }: Props & { reason: Reason }) {
  if (reason.code !== 'sensitive_inputs') return <li>{reasonWords(i18n, reason)}</li>;
  return (
    <li>
      {i18n.t('screening.reason.sensitive_inputs')}
      <ul>
        {reason.inputs.map((input) => <li>{sensitiveInputWords(i18n, input)}</li>)}
        {reason.infersFromBiometrics ? <li>{i18n.t('screening.input.biometric')}</li> : null}
      </ul>
    </li>
  );
}

/** The profile's answers, "Not known" where unknown and "None" where empty. */
function ProfileFacts({ i18n, profile }: Props & { profile: SystemProfile }) {
  const t = i18n.t;
  const unknown = <span class="muted">{t('profile.unknown')}</span>;
  const none = <span class="muted">{t('profile.none')}</span>;
  const listOf = (values: readonly string[] | typeof UNKNOWN, prefix?: string) =>
    values === UNKNOWN ? unknown : !values.length ? none
      : <ul class="chips">{values.map((v) => <li>{prefix ? t(`${prefix}.${v}` as MessageKey) : v}</li>)}</ul>;
  return (
    <dl class="facts">
      <dt>{t('profile.context')}</dt><dd>{listOf(profile.context, 'context')}</dd>
      <dt>{t('profile.decisionRole')}</dt><dd>{profile.decisionRole === UNKNOWN ? unknown : t(`role.${profile.decisionRole}` as MessageKey)}</dd>
      <dt>{t('profile.subjects')}</dt><dd>{profile.subjects === UNKNOWN ? unknown : t(`subjects.${profile.subjects}` as MessageKey)}</dd>
      <dt>{t('profile.capabilities')}</dt><dd>{listOf(profile.capabilities, 'capability')}</dd>
      <dt>{t('profile.inputs')}</dt><dd>{listOf(profile.inputs)}</dd>
      <dt>{t('profile.dataSharing')}</dt>
      <dd>
        {profile.dataSharing === UNKNOWN ? unknown : !profile.dataSharing.length ? none : (
          <ul class="plain">
            {profile.dataSharing.map((s) => (
              <li>
                {t('profile.sharingEntry', { party: t(`sharing.${s.with}` as MessageKey), scale: t(`scale.${s.scale}` as MessageKey) })}
                {s.legalBasis ? <span class="muted"> — {t('screening.review.legalBasis', { basis: isolate(s.legalBasis) })}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}

/** A deployment's screening: verdict, findings with their grounds, open questions, things to review, the profile. */
export function ScreeningSection({ i18n, screening, profile, linked = glossaryLinks() }: Props & { screening: Screening; profile: SystemProfile; linked?: Set<string> }) {
  const t = i18n.t;
  const s = screening;
  return (
    <section class={`screening v-${s.verdict}`} aria-labelledby="screening-h">
      <h2 id="screening-h">{t('screening.title')}</h2>
      <p class="verdict"><strong>{t(`screening.verdict.${s.verdict}`)}</strong></p>
      {s.findings.map((f) => (
        <div class="finding">
          <h3>{t(`redline.${f.id}` as MessageKey)}</h3>
          <p>{t('screening.because')}</p>
          <ul>{f.reasons.map((r) => <ReasonItem i18n={i18n} reason={r} />)}</ul>
          <p class="meta">{t('screening.rests', { section: isolate(f.passage.section) })}</p>
          <blockquote lang="en" dir="ltr">“<GlossaryText text={f.passage.quote} linked={linked} />”</blockquote>
        </div>
      ))}
      {s.undetermined.length ? (
        <>
          <p>{t('screening.undetermined')}</p>
          <ul>{s.undetermined.map((u) => <li>{t(`redline.${u.id}` as MessageKey)}: {i18n.list(u.questions.map((q) => question(i18n, q)))}</li>)}</ul>
        </>
      ) : null}
      {s.toReview.length ? (
        <>
          <p>{t('screening.toReview')}</p>
          <ul>
            {s.toReview.map((r) => (
              <li>
                {t('screening.review.case_by_case_sharing', { party: t(`sharing.${r.with}` as MessageKey) })}.{' '}
                {r.legalBasis ? t('screening.review.legalBasis', { basis: isolate(r.legalBasis) }) : t('screening.review.noLegalBasis')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {s.unrecognisedInputs.length ? <p class="meta">{t('screening.unrecognised', { inputs: i18n.list(s.unrecognisedInputs.map(isolate)) })}</p> : null}
      <p class="meta">{t('screening.explain')}</p>
      <h3>{t('profile.title')}</h3>
      <ProfileFacts i18n={i18n} profile={profile} />
    </section>
  );
}
