import { describe, expect, it } from 'vitest';
import { GRID_COUNTRIES, gridIntensity } from './grid-intensity.ts';

describe('the shipped grid intensity table', () => {
  it('covers most countries, each value with its source and year', () => {
    expect(GRID_COUNTRIES).toBeGreaterThan(150);
    for (const country of ['DE', 'FR', 'GR', 'IT', 'ES', 'GB', 'US', 'PL', 'TR', 'MA']) {
      const g = gridIntensity(country);
      expect(g, country).not.toBeNull();
      expect(g!.gCo2eqPerKwh).toBeGreaterThan(0);
      expect(g!.gCo2eqPerKwh).toBeLessThan(1500);
      expect(g).toMatchObject({ year: 2024, licence: 'ODbL-1.0' });
    }
    // A low-carbon grid reads lower than a coal-heavy one.
    expect(gridIntensity('FR')!.gCo2eqPerKwh).toBeLessThan(gridIntensity('PL')!.gCo2eqPerKwh);
  });

  it('answers null for what it does not hold', () => {
    expect(gridIntensity('ZZ')).toBeNull();
    expect(gridIntensity('de')).toBeNull();
    expect(gridIntensity('constructor')).toBeNull();
  });
});
