import { describe, expect, it } from 'vitest';
import { environmentalImpact, environmentInputOf, type GridIntensity } from './environment.ts';

const grid = (country: string): GridIntensity | null =>
  country === 'DE' ? { country, gCo2eqPerKwh: 341, year: 2024, source: 'test table', licence: 'ODbL-1.0', url: 'https://example.org' } : null;

describe('the environmental impact calculator', () => {
  it('computes energy, carbon and water by their formulas (hand-computed)', () => {
    // 8,760 h × 2.5 kW = 21,900 kWh of IT energy; × PUE 1.4 = 30,660 kWh; × 341 g/kWh = 10,455.06 kg; water 21,900 × 1.8 = 39,420 L.
    const r = environmentalImpact({ computeHours: 8760, powerKw: 2.5, pue: 1.4, wue: 1.8, hardwareCount: 12, country: 'de' }, grid);
    expect(r.itEnergy.value).toBeCloseTo(21900, 6);
    expect(r.energy.value).toBeCloseTo(30660, 6);
    expect(r.carbon.value).toBeCloseTo(10455.06, 6);
    expect(r.carbon.grid).toMatchObject({ country: 'DE', year: 2024 });
    expect(r.water.value).toBeCloseTo(39420, 6);
    expect(r.hardware.value).toBe(12);
    expect([r.energy, r.carbon, r.water, r.hardware].every((f) => f.missing.length === 0)).toBe(true);
  });

  it('leaves a figure out, naming what it needs, rather than guess', () => {
    const r = environmentalImpact({ computeHours: 100, powerKw: 1, country: 'ZZ' }, grid);
    expect(r.itEnergy.value).toBe(100);
    expect(r.energy).toMatchObject({ value: null, missing: ['environment.pue'] });
    expect(r.carbon).toMatchObject({ value: null, missing: ['environment.pue', 'environment.country'], grid: null });
    expect(r.water).toMatchObject({ value: null, missing: ['environment.wue'] });
    expect(r.hardware).toMatchObject({ value: null, missing: ['environment.hardware_count'] });
    expect(environmentalImpact({}, grid).energy.missing).toEqual(['environment.compute_hours', 'environment.power_kw', 'environment.pue']);
  });

  it('reads its inputs from the answers, ignoring values of the wrong kind', () => {
    expect(environmentInputOf({ 'environment.compute_hours': 10, 'environment.power_kw': '3', 'environment.country': 'GR' })).toEqual({
      computeHours: 10, powerKw: undefined, pue: undefined, wue: undefined, hardwareCount: undefined, country: 'GR',
    });
  });
});
