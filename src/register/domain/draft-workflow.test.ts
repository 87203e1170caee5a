import { describe, expect, it } from 'vitest';
import { DRAFT_STATUSES, nextStatus, type DraftStatus, type DraftStep } from './draft-workflow.ts';

// Every status × step, as a table: where it leads, or null when it is not possible.
const TABLE: Record<DraftStatus, Partial<Record<DraftStep, DraftStatus>>> = {
  draft: { edit: 'draft', submit: 'in_review', discard: 'discarded' },
  in_review: { withdraw: 'draft', request_changes: 'changes_requested', approve: 'published' },
  changes_requested: { edit: 'changes_requested', submit: 'in_review', discard: 'discarded' },
  published: {},
  discarded: {},
};
const STEPS: DraftStep[] = ['edit', 'submit', 'withdraw', 'discard', 'request_changes', 'approve'];

describe('draft workflow', () => {
  for (const status of DRAFT_STATUSES) {
    for (const step of STEPS) {
      const to = TABLE[status][step] ?? null;
      it(`${status} —${step}→ ${to ?? 'refused'}`, () => expect(nextStatus(status, step)).toBe(to));
    }
  }
  it('never leaves published or discarded', () => {
    for (const step of STEPS) {
      expect(nextStatus('published', step)).toBeNull();
      expect(nextStatus('discarded', step)).toBeNull();
    }
  });
});
