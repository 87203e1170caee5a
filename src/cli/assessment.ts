import type { Command } from 'commander';

/** Exit codes: what a script calling `safeguard assessment score` can branch on. */
export const ASSESSMENT_EXIT = { proceed: 0, halt: 3, proceed_with_conditions: 5, invalid_input: 2 } as const;

export function assessmentCommand(program: Command) {
  const assessment = program.command('assessment').description('Human rights and data protection impact assessments.');
  assessment
    .command('score [file]')
    .description(
      'Score an exported assessment (safeguard.assessment/1 JSON): per-harm bands, the overall result, the decision and every step of the reasoning. ' +
        'Exit 0: proceed; 3: halt; 5: proceed with conditions; 2: invalid input.',
    )
    .option('--json', 'print the score as JSON ({ harms, overall, haltGrounds, decision, conditions, reassessBy, steps })')
    .option('--json-schema', 'print the JSON Schema of an assessment file and exit')
    .action(async (file: string | undefined, opts: { json?: boolean; jsonSchema?: boolean }) => {
      // Loaded when the command runs (zod and the rules are not needed for other commands' help).
      const [{ assessmentJsonSchema }, { readAssessmentFile }, { answerSourceOf, scoringInputOf }, { scoreAssessment }, { scoreText }, { FileError }, { findDefinition }, { missingAnswers }] = await Promise.all([
        import('../assessments/domain/assessment-json-schema.ts'), import('../assessments/read-assessment-file.ts'), import('../assessments/domain/assessment-file.ts'),
        import('../assessments/domain/scoring.ts'), import('../assessments/domain/explain-score.ts'), import('../platform/json-file.ts'),
        import('../assessments/definitions.ts'), import('../assessments/domain/definition.ts'),
      ]);
      if (opts.jsonSchema) {
        console.log(JSON.stringify(assessmentJsonSchema(), null, 2));
        return;
      }
      if (!file) {
        console.error('safeguard assessment score: name an assessment file (JSON), for example: safeguard assessment score assessment.json');
        process.exitCode = ASSESSMENT_EXIT.invalid_input;
        return;
      }
      try {
        const parsed = readAssessmentFile(file);
        const score = scoreAssessment(scoringInputOf(parsed));
        if (opts.json) console.log(JSON.stringify(score, null, 2));
        else {
          // The reader has checked that the definition is shipped.
          const definition = findDefinition(parsed.definition.id, parsed.definition.version)!;
          const missing = missingAnswers(definition, answerSourceOf(parsed));
          const where = (m: (typeof missing)[number]) => (m.column === undefined ? m.question : `${m.question}, row ${m.row! + 1}, ${m.column}`);
          const questionnaire = missing.length
            ? [`Questionnaire (${definition.id} ${definition.version}): ${missing.length} required answer${missing.length > 1 ? 's' : ''} missing, so it can be saved as a draft but not submitted:`, ...missing.map((m) => `  - ${where(m)}`)]
            : [`Questionnaire (${definition.id} ${definition.version}): every required answer is given.`];
          console.log(`${scoreText(`${file}: ${parsed.assessment.title}`, score)}\n\n${questionnaire.join('\n')}`);
        }
        process.exitCode = ASSESSMENT_EXIT[score.decision];
      } catch (error) {
        if (!(error instanceof FileError)) throw error;
        console.error(error.message);
        process.exitCode = ASSESSMENT_EXIT.invalid_input;
      }
    });
}
