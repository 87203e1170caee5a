import { definitionSchema, type Definition } from './domain/definition.ts';
import hria100 from './definitions/safeguard-hria-1.0.0.json' with { type: 'json' };
// 1.1.0: the seven data-protection principles and the company's due diligence each ask for their
// evidence (a links question after each, see definition.ts).
import hria110 from './definitions/safeguard-hria-1.1.0.json' with { type: 'json' };

// The questionnaire definitions shipped with Safeguard. A new version is a new file beside the old
// ones, which stay: an assessment is read against the version it answered.

export const DEFINITIONS: readonly Definition[] = [definitionSchema.parse(hria100), definitionSchema.parse(hria110)];

/** The version new assessments answer. */
export const CURRENT_DEFINITION: Definition = DEFINITIONS[DEFINITIONS.length - 1]!;

export function findDefinition(id: string, version: string): Definition | undefined {
  return DEFINITIONS.find((d) => d.id === id && d.version === version);
}
