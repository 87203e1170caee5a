// The editorial workflow of a draft change to the register, as a state machine. Contributors and
// editors write drafts for their organisation; another editor reviews: approving publishes the
// change, or they ask for changes with a comment. Nobody reviews their own draft.

export const DRAFT_STATUSES = ['draft', 'in_review', 'changes_requested', 'published', 'discarded'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

export type DraftStep = 'edit' | 'submit' | 'withdraw' | 'discard' | 'request_changes' | 'approve';

/** Where each step leads from each status it is allowed in. */
const TRANSITIONS: Record<DraftStep, Partial<Record<DraftStatus, DraftStatus>>> = {
  edit: { draft: 'draft', changes_requested: 'changes_requested' },
  submit: { draft: 'in_review', changes_requested: 'in_review' },
  withdraw: { in_review: 'draft' },
  discard: { draft: 'discarded', changes_requested: 'discarded' },
  request_changes: { in_review: 'changes_requested' },
  approve: { in_review: 'published' },
};

/** The status after a step, or null when the step is not possible in this status. */
export const nextStatus = (status: DraftStatus, step: DraftStep): DraftStatus | null => TRANSITIONS[step][status] ?? null;

/** Steps taken by the draft's own side (its organisation) and steps taken by a reviewer. */
export const AUTHOR_STEPS: readonly DraftStep[] = ['edit', 'submit', 'withdraw', 'discard'];
export const REVIEW_STEPS: readonly DraftStep[] = ['request_changes', 'approve'];
