import { MIGRATION_CONTEXTS, UNKNOWN } from '../profile.ts';
import { allOf, hasCapability, aboutIndividuals, SCORING, type Category } from './rule-kit.ts';

/** Red line A. */
export const categoryA: Category = {
  id: 'A',
  title: 'Automated risk assessment, scoring and profiling in migration, asylum and border control',
  quote: 'Automated risk assessment, scoring and profiling systems in the context of migration management, asylum, and border control (including fraud detection systems).',
  rule: (p) => allOf(
    hasCapability(p, SCORING),
    aboutIndividuals(p),
    p.context === UNKNOWN
      ? { holds: null, question: 'context' }
      : { holds: p.context.some((c) => MIGRATION_CONTEXTS.includes(c)), question: 'context', reason: { code: 'migration_context', contexts: p.context.filter((c) => MIGRATION_CONTEXTS.includes(c)) } },
    // Whether a person takes the final decision does not matter: decision support is still scoring.
  ),
};
