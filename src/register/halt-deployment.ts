import type { Queryable } from '../platform/db/database.ts';
import { deploymentSchema, type Dataset } from './domain/dataset.ts';
import { currentRecord, insertRevision, latestRevisionNumber, type Credit } from './store/editorial.ts';
import { writeDataset } from './store/write.ts';

/**
 * Sets a deployment's status to halted on the register, inside the caller's transaction (an
 * oversight body's order after an impact assessment). It is a change like any other: a new revision
 * credited to the body, a public change in the feed, the search index refreshed.
 * Returns false when the deployment is no longer on the register.
 */
export async function haltDeployment(tx: Queryable, slug: string, note: string, credit: Extract<Credit, { kind: 'member' }>, now: Date): Promise<boolean> {
  const before = await currentRecord(tx, 'deployment', slug);
  if (!before) return false;
  let number = await latestRevisionNumber(tx, 'deployment', slug);
  // An imported record has no revision yet: its version before this change becomes the first.
  if (number === 0) await insertRevision(tx, { type: 'deployment', slug, number: ++number, payload: before, credit: { kind: 'import' }, draftId: null }, now);
  const after = deploymentSchema.parse({ ...before, status: 'halted', statusNote: note.slice(0, 2000) });
  const dataset: Dataset = { format: 'safeguard-register', version: 1, sources: [], organisations: [], technologies: [], deployments: [after], relations: [], contracts: [] };
  await writeDataset(tx, dataset);
  await insertRevision(tx, { type: 'deployment', slug, number: number + 1, payload: after, credit, draftId: null }, now);
  return true;
}
