import type { Translator } from '../../../platform/i18n/i18n.ts';
import { BANDS, type Score } from '../../domain/scoring.ts';
import { RiskMap, type RiskMapLabels } from '../../views/risk-map.tsx';
import { bandWord, conditionWord, decisionWord, haltGroundWords, rightWord, stepWords } from '../../views/score-words.ts';

// How a score reads on the pages: the decision and why, the overall bands, each harm inherent →
// residual (and projected), the risk map, and every step of the reasoning.

export function riskMapLabels(i18n: Translator): RiskMapLabels {
  const t = i18n.t;
  return {
    title: t('assessment.map.title'),
    severity: t('assessment.map.severity'),
    likelihood: t('assessment.map.likelihood'),
    inherent: t('assessment.map.inherent'),
    residual: t('assessment.map.residual'),
    bands: Object.fromEntries(BANDS.map((b) => [b, bandWord(i18n, b)])) as RiskMapLabels['bands'],
    describe: (h) => t('assessment.map.describe', {
      harm: h.harm, right: rightWord(i18n, h.right), inherent: bandWord(i18n, h.inherent.band), residual: bandWord(i18n, h.residual.band),
      is: h.inherent.severity, il: h.inherent.likelihood, rs: h.residual.severity, rl: h.residual.likelihood,
    }),
  };
}

export function DecisionBox({ i18n, score, decision, reassessBy }: { i18n: Translator; score: Score; decision?: Score['decision']; reassessBy?: string | null }) {
  const t = i18n.t;
  const shown = decision ?? score.decision;
  const by = reassessBy === undefined ? score.reassessBy : reassessBy;
  return (
    <div class={`decision d-${shown}`}>
      <p class="verdict"><strong>{decisionWord(i18n, shown)}</strong></p>
      {decision && decision !== score.decision && <p>{t('assessment.result.stricter', { engine: decisionWord(i18n, score.decision) })}</p>}
      {score.haltGrounds.length > 0 && (
        <>
          <p>{t('assessment.result.haltGrounds')}</p>
          <ul>{score.haltGrounds.map((g) => <li>{haltGroundWords(i18n, g)}</li>)}</ul>
        </>
      )}
      {score.conditions.length > 0 && shown !== 'halt' && (
        <>
          <p>{t('assessment.result.conditions')}</p>
          <ul>{score.conditions.map((c) => <li>{conditionWord(i18n, c)}</li>)}</ul>
        </>
      )}
      <dl class="facts">
        <dt>{t('assessment.result.overallInherent')}</dt><dd>{bandWord(i18n, score.overall.inherent)}</dd>
        <dt>{t('assessment.result.overallResidual')}</dt><dd><strong>{bandWord(i18n, score.overall.residual)}</strong></dd>
        <dt>{t('assessment.result.overallProjected')}</dt><dd>{bandWord(i18n, score.overall.projected)}</dd>
        {by && <><dt>{t('assessment.result.reassessBy')}</dt><dd>{i18n.date(by)}</dd></>}
      </dl>
    </div>
  );
}

export function HarmBands({ i18n, score, caption }: { i18n: Translator; score: Score; caption: string }) {
  const t = i18n.t;
  return (
    <div class="table-scroll" tabindex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead><tr><th scope="col">{t('assessment.harm.id')}</th><th scope="col">{t('assessment.harm.right')}</th><th scope="col">{t('assessment.map.inherent')}</th><th scope="col">{t('assessment.map.residual')}</th><th scope="col">{t('assessment.harm.projected')}</th></tr></thead>
        <tbody>
          {score.harms.map((h) => (
            <tr>
              <th scope="row"><bdi>{h.harm}</bdi></th>
              <td>{rightWord(i18n, h.right)}</td>
              <td class={`band b-${h.inherent.band}`}>{bandWord(i18n, h.inherent.band)} <span class="muted">({t('assessment.harm.sl', { s: h.inherent.severity, l: h.inherent.likelihood })})</span></td>
              <td class={`band b-${h.residual.band}`}>{bandWord(i18n, h.residual.band)} <span class="muted">({t('assessment.harm.sl', { s: h.residual.severity, l: h.residual.likelihood })})</span></td>
              <td>{bandWord(i18n, h.projected.band)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The whole score: decision, per-harm bands, the map, and the reasoning step by step. */
export function ScoreView({ i18n, score, id, decision, reassessBy, heading, open = false }: { i18n: Translator; score: Score; id: string; decision?: Score['decision']; reassessBy?: string | null; heading: string; open?: boolean }) {
  const t = i18n.t;
  return (
    <section aria-labelledby={`${id}-h`} class="score">
      <h2 id={`${id}-h`}>{heading}</h2>
      <DecisionBox i18n={i18n} score={score} {...(decision ? { decision } : {})} {...(reassessBy !== undefined ? { reassessBy } : {})} />
      <HarmBands i18n={i18n} score={score} caption={t('assessment.harm.caption')} />
      <div class="risk-map"><RiskMap id={`${id}-map`} harms={score.harms} labels={riskMapLabels(i18n)} /></div>
      <details open={open}>
        <summary>{t('assessment.result.steps')}</summary>
        <ol>{score.steps.map((s) => <li>{stepWords(i18n, s)}</li>)}</ol>
      </details>
    </section>
  );
}
