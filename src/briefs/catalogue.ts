import { catalogueSchema, type Catalogue } from './domain/catalogue.ts';
import catalogue100 from './catalogue/recommendations-1.0.0.json' with { type: 'json' };

// The catalogue of the briefing's recommendations and glossary shipped with Safeguard. A new version
// is a new file beside the old one (recommendations-X.Y.Z.json); a brief records the version it used.

export const CATALOGUES: readonly Catalogue[] = [catalogueSchema.parse(catalogue100)];

/** The current catalogue. */
export const CATALOGUE: Catalogue = CATALOGUES[CATALOGUES.length - 1]!;

export function findCatalogue(version: string): Catalogue | undefined {
  return CATALOGUES.find((c) => c.version === version);
}
