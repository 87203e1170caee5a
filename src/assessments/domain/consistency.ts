import { anchorOf, type Answers, type FileProblem } from './answers.ts';

// Checks across answers that no single question can make: what the harms register says of the
// affected groups must agree with the groups matrix. Pure; submission lists what it finds.

type Row = Record<string, unknown>;
const rows = (value: unknown): Row[] => (Array.isArray(value) ? value.filter((r): r is Row => !!r && typeof r === 'object') : []);

/**
 * A harm may not claim disaggregated data exist for the groups it affects when the groups matrix
 * lists none for any group it marks as affected (or possibly affected): the scoring would lower the
 * likelihood on data the assessment itself says are missing.
 */
export function crossAnswerProblems(answers: Answers): FileProblem[] {
  const matrix = rows(answers['groups.matrix']);
  const affected = matrix.filter((r) => r.affected === 'yes' || r.affected === 'unknown');
  if (!affected.length || affected.some((r) => r.disaggregated_data === 'available')) return [];
  return rows(answers['harms.register']).flatMap((h, i) => (h.subgroupData === 'available' ? [{
    question: 'harms.register',
    anchor: anchorOf('harms.register', i, 'subgroupData'),
    path: `harms.${i}.subgroupData`,
    message: 'disaggregated data are said to be available, but the affected groups matrix lists none for any affected group: answer "missing", or record the data in the matrix',
  }] : []));
}
