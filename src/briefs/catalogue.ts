import { catalogueSchema, type Catalogue } from './domain/catalogue.ts';
import catalogue100 from './catalogue/recommendations-1.0.0.json' with { type: 'json' };
// 1.1.0: assessment and due-diligence entries, whose words offer mitigation as the way on, no longer
// apply to a system that falls under a red line (the briefing asks for a ban there).
import catalogue110 from './catalogue/recommendations-1.1.0.json' with { type: 'json' };

// The catalogue of the briefing's recommendations and glossary shipped with Safeguard. A new version
// is a new file beside the old one (recommendations-X.Y.Z.json); a brief records the version it used.

export const CATALOGUES: readonly Catalogue[] = [catalogueSchema.parse(catalogue100), catalogueSchema.parse(catalogue110)];

/** The current catalogue. */
export const CATALOGUE: Catalogue = CATALOGUES[CATALOGUES.length - 1]!;

export function findCatalogue(version: string): Catalogue | undefined {
  return CATALOGUES.find((c) => c.version === version);
}
