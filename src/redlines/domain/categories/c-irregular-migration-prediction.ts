import { allOf, hasCapability, type Category } from './rule-kit.ts';

/** Red line C. */
export const categoryC: Category = {
  id: 'C',
  title: 'Predicting "irregular migration"',
  quote: 'Predictive technologies that generate predictions as to where there is a risk of “irregular migration.”',
  rule: (p) => allOf(hasCapability(p, ['migration_flow_prediction'], () => ({ code: 'predicts_irregular_migration' }))),
};
