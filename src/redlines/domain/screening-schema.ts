import { z } from 'zod';
import { CAPABILITIES, CONTEXTS, SHARING_PARTIES } from './profile.ts';

// The documented shape of a screening as `safeguard screen --json` prints it and the API and
// exports carry it (`redLineScreening`, with the categories and the rules' version). The JSON
// Schema of it is `safeguard screen --json-schema` and part of /api/openapi.json.

const categoryId = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
const reason = z.discriminatedUnion('code', [
  z.object({ code: z.literal('does'), capabilities: z.array(z.enum(CAPABILITIES)) }),
  z.object({ code: z.literal('individuals') }),
  z.object({ code: z.literal('migration_context'), contexts: z.array(z.enum(CONTEXTS)) }),
  z.object({
    code: z.literal('sensitive_inputs'),
    inputs: z.array(z.object({
      input: z.string().describe('the field as the profile names it'),
      characteristics: z.array(z.string()).describe('ids of the sensitive characteristics it is, or is a proxy of'),
      proxy: z.string().optional().describe('id of the proxy, when it is one'),
    })),
    infersFromBiometrics: z.boolean(),
  }),
  z.object({ code: z.literal('predicts_irregular_migration') }),
  z.object({ code: z.literal('remote_biometric_identification'), modes: z.array(z.enum(['live', 'retrospective'])) }),
  z.object({ code: z.literal('device_extraction') }),
  z.object({ code: z.literal('merging') }),
  z.object({ code: z.literal('bulk_sharing'), with: z.enum(SHARING_PARTIES) }),
]).and(z.object({ text: z.string().describe('the reason in plain English') }));

export const screeningSchema = z.object({
  verdict: z.enum(['red_line', 'no_red_line_found', 'insufficient_information']),
  findings: z.array(z.object({
    id: categoryId,
    title: z.string(),
    reasons: z.array(reason).describe('which answers of the profile triggered the category'),
    passage: z.object({ section: z.string(), quote: z.string() }).describe('the briefing passage the category rests on, quoted'),
  })).describe('each red line that applies'),
  undetermined: z.array(z.object({ id: categoryId, questions: z.array(z.string()) }))
    .describe('red lines that could not be ruled out, with the profile questions whose "unknown" prevented it (e.g. "capabilities", "dataSharing.police.scale")'),
  toReview: z.array(z.object({ code: z.literal('case_by_case_sharing'), with: z.enum(SHARING_PARTIES), legalBasis: z.string().optional(), text: z.string() }))
    .describe('findings to review that are not red lines on their own'),
  unrecognisedInputs: z.array(z.string()).describe('input fields recognised neither as a sensitive characteristic nor as a proxy (for a person to check)'),
});

/** As the register's API and exports carry it: with the categories found and the version of the rules. */
export const registerScreeningSchema = screeningSchema.omit({ unrecognisedInputs: true }).extend({
  categories: z.array(categoryId),
  rules: z.string().describe('the version of the screening rules that reached this verdict'),
});
