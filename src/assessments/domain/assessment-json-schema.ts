import { z } from 'zod';
import { assessmentFileSchema } from './assessment-file.ts';

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
