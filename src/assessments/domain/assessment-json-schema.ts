import { z } from 'zod';
import { assessmentFileSchema } from './assessment-file.ts';
import { definitionSchema } from './definition.ts';

/**
 * The JSON Schema of an assessment file, as the zod schema reads it (defaults filled in, so
 * optional fields are those with a default). schemas/safeguard.assessment-1.schema.json is this,
 * committed; a test keeps the two the same.
 */
export function assessmentJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(assessmentFileSchema, { io: 'input' }),
    title: 'Safeguard impact assessment (safeguard.assessment/1)',
  };
}

/**
 * The JSON Schema of a questionnaire definition file (src/assessments/definitions/*.json), for
 * those who write or translate one. schemas/safeguard.questionnaire-1.schema.json is this, committed;
 * the checks across questions (unique ids, conditions naming questions that exist) are the code's.
 */
export function questionnaireJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(definitionSchema, { io: 'input' }),
    title: 'Safeguard impact assessment questionnaire (a definition file)',
  };
}
