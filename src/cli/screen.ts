import type { Command } from 'commander';
import type { Screening } from '../redlines/domain/screen-profile.ts';

/** Exit codes: what a script calling `safeguard screen` can branch on. */
export const SCREEN_EXIT = { no_red_line_found: 0, red_line: 3, insufficient_information: 4, invalid_input: 2 } as const;

function asText(file: string, s: Screening): string {
  const lines = [`${file}: ${s.verdict === 'red_line' ? 'falls under a red line: must not be deployed' : s.verdict === 'insufficient_information' ? 'insufficient information to conclude' : 'no red line found'}`];
  for (const f of s.findings) {
    lines.push('', `${f.id}. ${f.title}`, ...f.reasons.map((r) => `   - ${r.text}`), `   “${f.passage.quote}” (${f.passage.section})`);
  }
  if (s.undetermined.length) lines.push('', 'Could not be decided (unknown answers):', ...s.undetermined.map((u) => `   ${u.id}: ${u.questions.join(', ')}`));
  if (s.toReview.length) lines.push('', 'To review:', ...s.toReview.map((r) => `   - ${r.text}`));
  if (s.unrecognisedInputs.length) lines.push('', `Inputs not recognised (check by hand): ${s.unrecognisedInputs.join(', ')}`);
  return lines.join('\n');
}

export function screenCommand(program: Command) {
  program
    .command('screen [profile]')
    .description('Screen a system profile (JSON) against the six red lines. Exit 0: none found; 3: red line; 4: insufficient information; 2: invalid input.')
    .option('--json', 'print the screening as JSON ({ verdict, findings, undetermined, toReview, unrecognisedInputs }; see --json-schema)')
    .option('--json-schema', 'print the JSON Schema of the --json output and of a profile file, and exit')
    .action(async (file: string | undefined, opts: { json?: boolean; jsonSchema?: boolean }) => {
      // Loaded when the command runs (zod and the rules are not needed for other commands' help).
      const [{ z }, { profileSchema }, { screeningSchema }, { FileError }, { screenProfile }, { readProfileFile }] = await Promise.all([
        import('zod'), import('../redlines/domain/profile.ts'), import('../redlines/domain/screening-schema.ts'), import('../platform/json-file.ts'),
        import('../redlines/domain/screen-profile.ts'), import('../redlines/read-profile.ts'),
      ]);
      if (opts.jsonSchema) {
        console.log(JSON.stringify({ screening: z.toJSONSchema(screeningSchema), profile: z.toJSONSchema(profileSchema) }, null, 2));
        return;
      }
      if (!file) {
        console.error('safeguard screen: name a profile file (JSON), for example: safeguard screen profile.json');
        process.exitCode = SCREEN_EXIT.invalid_input;
        return;
      }
      try {
        const screening = screenProfile(readProfileFile(file));
        console.log(opts.json ? JSON.stringify(screening, null, 2) : asText(file, screening));
        process.exitCode = SCREEN_EXIT[screening.verdict];
      } catch (error) {
        if (!(error instanceof FileError)) throw error;
        console.error(error.message);
        process.exitCode = SCREEN_EXIT.invalid_input;
      }
    });
}
