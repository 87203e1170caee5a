import type { Translator } from '../../../platform/i18n/i18n.ts';
import { questionById, type Definition } from '../../domain/definition.ts';
import type { EnvironmentalImpact, Figure } from '../../domain/environment.ts';
import { local } from './questionnaire-form.tsx';

// The environmental impact calculator's result: each figure with its formula, or what it still needs;
// the grid intensity with its source, year and licence.

function FigureRow({ i18n, definition, label, figure, digits }: { i18n: Translator; definition: Definition; label: string; figure: Figure; digits: number }) {
  const t = i18n.t;
  const value = figure.value === null ? null : new Intl.NumberFormat(i18n.locale, { maximumFractionDigits: digits }).format(figure.value);
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {value === null
          ? <span class="muted">{t('assessment.environment.needs', { questions: i18n.list(figure.missing.map((q) => local(i18n, questionById(definition, q)?.label) || q)) })}</span>
          : <><strong>{value}</strong>{figure.unit ? ` ${figure.unit}` : ''}</>}
        {' '}<span class="muted" dir="ltr">({figure.formula})</span>
      </dd>
    </>
  );
}

export function EnvironmentView({ i18n, definition, impact }: { i18n: Translator; definition: Definition; impact: EnvironmentalImpact }) {
  const t = i18n.t;
  const grid = impact.carbon.grid;
  return (
    <section aria-labelledby="environment-h">
      <h2 id="environment-h">{t('assessment.environment.title')}</h2>
      <dl class="facts">
        <FigureRow i18n={i18n} definition={definition} label={t('assessment.environment.itEnergy')} figure={impact.itEnergy} digits={0} />
        <FigureRow i18n={i18n} definition={definition} label={t('assessment.environment.energy')} figure={impact.energy} digits={0} />
        <FigureRow i18n={i18n} definition={definition} label={t('assessment.environment.carbon')} figure={impact.carbon} digits={1} />
        <FigureRow i18n={i18n} definition={definition} label={t('assessment.environment.water')} figure={impact.water} digits={0} />
        <FigureRow i18n={i18n} definition={definition} label={t('assessment.environment.hardware')} figure={impact.hardware} digits={0} />
      </dl>
      {grid && (
        <p class="muted">
          {t('assessment.environment.grid', { country: i18n.country(grid.country), value: i18n.number(grid.gCo2eqPerKwh), year: grid.year })}
          {' '}<a href={grid.url} rel="noopener noreferrer">{grid.source}</a> ({grid.licence})
        </p>
      )}
    </section>
  );
}
