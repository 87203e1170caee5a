import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { contrast } from '../../audits/views/charts.tsx';
import { scoreAssessment, type Harm, type Mitigation, type ScoringInput } from '../domain/scoring.ts';
import { BAND_FILL, RiskMap, type RiskMapLabels } from './risk-map.tsx';

const labels: RiskMapLabels = {
  title: 'Risk map', severity: 'severity', likelihood: 'likelihood', inherent: 'inherent', residual: 'residual',
  bands: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
  describe: (h) => `${h.harm}: ${h.inherent.band} before, ${h.residual.band} after.`,
};
const harm = (id: string, over: Partial<Harm> = {}): Harm => ({
  id, right: 'privacy', description: 'x', scale: 2, scope: 1, irremediability: 2, likelihood: 3, disproportionate: false, subgroupData: 'available', ...over,
});
const mitigation = (id: string, harmId: string): Mitigation => ({
  id, harm: harmId, targets: 'likelihood', description: 'x', kind: 'measure', status: 'implemented', evidence: ['report'], review: 'accepted',
});
const input = (harms: Harm[], mitigations: Mitigation[] = []): ScoringInput => ({
  assessedOn: '2026-12-01', screening: { verdict: 'no_red_line_found', redLines: [] }, legalBasis: 'Act', alternatives: [],
  context: { decisionRole: 'decision_support', decisionAreas: [], adverseDecisions: false, contestable: true }, harms, mitigations,
});
const render = (i: ScoringInput) => renderToString(h(RiskMap, { id: 'map', harms: scoreAssessment(i).harms, labels }));

describe('the risk map', () => {
  it('puts each harm where its inherent and residual risk are, with an arrow only when it moved', () => {
    const svg = render(input([harm('h1'), harm('h2', { scale: 4, likelihood: 4 })], [mitigation('m1', 'h1')]));
    expect(svg).toMatch(/<g data-harm="h1">.*<line[^>]*marker-end="url\(#map-arrow\)".*data-stage="inherent" data-at="2-3".*data-stage="residual" data-at="2-2"/);
    const h2 = /<g data-harm="h2">(.*?)<\/g><\/g>/.exec(svg)![1]!;
    expect(h2).not.toContain('<line');
    expect(h2).toContain('data-stage="inherent" data-at="4-4"');
    expect(h2).toContain('data-stage="residual" data-at="4-4"');
  });

  it('writes its band in every cell and describes every harm in words', () => {
    const svg = render(input([harm('h1'), harm('h2')]));
    expect(svg.match(/data-cell=/g)).toHaveLength(16);
    expect(svg).toMatch(/data-cell="4-4"><rect[^>]*fill="#ea9999"[^>]*>(<\/rect>)?<text[^>]*>critical<\/text>/);
    expect(svg).toMatch(/data-cell="1-1"><rect[^>]*fill="#d9ead3"[^>]*>(<\/rect>)?<text[^>]*>low<\/text>/);
    expect(svg).toContain('<desc id="map-desc">h1: medium before, medium after. h2: medium before, medium after.</desc>');
    expect(svg).toContain('role="img" aria-labelledby="map-title map-desc"');
  });

  it('says how many more harms a full cell holds instead of drawing them on top of each other', () => {
    const svg = render(input(Array.from({ length: 9 }, (_, i) => harm(`h${i + 1}`))));
    expect(svg.match(/data-stage="inherent"/g)).toHaveLength(6);
    expect(svg).toContain('data-overflow="2-3-0"');
    expect(svg).toMatch(/data-overflow="2-3-0"[^>]*>\+3</);
  });

  it('keeps text and marks readable on every band colour', () => {
    for (const fill of Object.values(BAND_FILL)) expect(contrast('#1a1a1a', fill)).toBeGreaterThanOrEqual(4.5);
  });
});
