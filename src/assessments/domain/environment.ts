// The environmental impact of a system from the assessment's own figures: energy from compute hours,
// power and the data centre's PUE; carbon from a grid intensity (a shipped table by country, with
// its source and year); water from WUE; the hardware count. Pure: every figure states its formula,
// and a figure whose inputs are missing is null with what is missing, never a guess.

export type EnvironmentInput = {
  /** Compute hours a year (device-hours: hours × number of machines, or accelerator-hours). */
  computeHours?: number | undefined;
  /** Average power draw of the IT equipment while computing, in kW. */
  powerKw?: number | undefined;
  /** Power usage effectiveness of the data centre (facility energy ÷ IT energy, ≥ 1). */
  pue?: number | undefined;
  /** Water usage effectiveness (litres of water per kWh of IT energy). */
  wue?: number | undefined;
  hardwareCount?: number | undefined;
  /** Where the computing runs (ISO 3166-1 alpha-2), for the grid's carbon intensity. */
  country?: string | undefined;
};

export type GridIntensity = { country: string; gCo2eqPerKwh: number; year: number; source: string; licence: string; url: string };

export type Figure = { value: number | null; unit: string; formula: string; missing: string[] };

export type EnvironmentalImpact = {
  itEnergy: Figure;
  energy: Figure;
  carbon: Figure & { grid: GridIntensity | null };
  water: Figure;
  hardware: Figure;
};

const present = (n: number | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/** The figures, each with its formula and what is missing for it. */
export function environmentalImpact(input: EnvironmentInput, gridOf: (country: string) => GridIntensity | null): EnvironmentalImpact {
  const missing = (names: [string, unknown][]) => names.filter(([, v]) => v === undefined || v === null).map(([n]) => n);
  const it = present(input.computeHours) && present(input.powerKw) ? input.computeHours * input.powerKw : null;
  const itMissing = missing([['environment.compute_hours', present(input.computeHours) ? 1 : undefined], ['environment.power_kw', present(input.powerKw) ? 1 : undefined]]);
  const energy = it !== null && present(input.pue) ? it * input.pue : null;
  const energyMissing = [...itMissing, ...missing([['environment.pue', present(input.pue) ? 1 : undefined]])];
  const code = input.country?.trim().toUpperCase();
  const grid = code && /^[A-Z]{2}$/.test(code) ? gridOf(code) : null;
  const carbonMissing = [...energyMissing, ...(grid ? [] : ['environment.country'])];
  const water = it !== null && present(input.wue) ? it * input.wue : null;
  return {
    itEnergy: { value: it, unit: 'kWh', formula: 'compute hours × power (kW)', missing: itMissing },
    energy: { value: energy, unit: 'kWh', formula: 'compute hours × power (kW) × PUE', missing: energyMissing },
    carbon: {
      value: energy !== null && grid ? (energy * grid.gCo2eqPerKwh) / 1000 : null, unit: 'kg CO2eq',
      formula: 'energy (kWh) × grid intensity (g CO2eq/kWh) ÷ 1000', missing: carbonMissing, grid,
    },
    water: { value: water, unit: 'L', formula: 'compute hours × power (kW) × WUE (L/kWh)', missing: [...itMissing, ...missing([['environment.wue', present(input.wue) ? 1 : undefined]])] },
    hardware: { value: present(input.hardwareCount) ? input.hardwareCount : null, unit: '', formula: 'as stated', missing: present(input.hardwareCount) ? [] : ['environment.hardware_count'] },
  };
}

/** The calculator's inputs from an assessment's answers. */
export function environmentInputOf(answers: Record<string, unknown>): EnvironmentInput {
  const num = (id: string) => (typeof answers[id] === 'number' ? (answers[id] as number) : undefined);
  return {
    computeHours: num('environment.compute_hours'), powerKw: num('environment.power_kw'), pue: num('environment.pue'), wue: num('environment.wue'),
    hardwareCount: num('environment.hardware_count'), country: typeof answers['environment.country'] === 'string' ? (answers['environment.country'] as string) : undefined,
  };
}
