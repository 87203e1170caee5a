// @ts-expect-error: the package ships JavaScript without type declarations; the shape is checked below.
import { yearly2024 } from '@tgwf/co2/data/electricity-maps';
import type { GridIntensity } from './domain/environment.ts';

// The carbon intensity of electricity by country: Electricity Maps' 2024 annual averages
// (life-cycle g CO2eq/kWh), published under the Open Database License and shipped in CO2.js
// (@tgwf/co2, pinned to one version so the figures never change under an assessment).

export const GRID_SOURCE = {
  source: 'Electricity Maps, annual average carbon intensity (life cycle), via CO2.js 0.19.0',
  year: 2024,
  licence: 'ODbL-1.0',
  url: 'https://www.electricitymaps.com/data/methodology',
} as const;

type Zone = { zone?: { zoneName?: string }; carbonIntensity?: { value?: unknown; unit?: unknown } };
const zones = (yearly2024 as { data: Record<string, Zone> }).data;

/** The grid intensity of a country (ISO 3166-1 alpha-2), or null when the table has none. */
export function gridIntensity(country: string): GridIntensity | null {
  const zone = /^[A-Z]{2}$/.test(country) && Object.hasOwn(zones, country) ? zones[country] : undefined;
  const value = zone?.carbonIntensity?.value;
  if (typeof value !== 'number' || !Number.isFinite(value) || zone?.carbonIntensity?.unit !== 'gCO2eq/kWh') return null;
  return { country, gCo2eqPerKwh: value, ...GRID_SOURCE };
}

/** How many countries the table covers. */
export const GRID_COUNTRIES = Object.keys(zones).filter((k) => /^[A-Z]{2}$/.test(k) && gridIntensity(k) !== null).length;
