// The life of an impact assessment, as a state machine: the deployer's side writes and submits it,
// an independent oversight body reviews it (asks for changes, or decides), the decision is
// published, and the assessment falls due again by date or on a trigger, when a new version starts.

export const ASSESSMENT_STATUSES = [
  'draft', 'submitted', 'under_review', 'changes_requested', 'resubmitted', 'decided', 'published', 'reassessment_due', 'superseded',
] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const ASSESSMENT_STEPS = [
  'edit', 'submit', 'resubmit', 'start_review', 'request_changes', 'decide', 'publish', 'fall_due', 'start_new_version',
] as const;
export type AssessmentStep = (typeof ASSESSMENT_STEPS)[number];

/** Who takes a step: the assessing organisation, the oversight body, or the platform itself (dates, triggers). */
export type Side = 'author' | 'oversight' | 'system';

export const STEP_SIDE: Readonly<Record<AssessmentStep, Side>> = {
  edit: 'author', submit: 'author', resubmit: 'author', start_new_version: 'author',
  start_review: 'oversight', request_changes: 'oversight', decide: 'oversight', publish: 'oversight',
  fall_due: 'system',
};

/** Where each step leads from each status it is allowed in (start_new_version supersedes this version; the new one starts as a draft). */
const TRANSITIONS: Readonly<Record<AssessmentStep, Partial<Record<AssessmentStatus, AssessmentStatus>>>> = {
  edit: { draft: 'draft', changes_requested: 'changes_requested' },
  submit: { draft: 'submitted' },
  resubmit: { changes_requested: 'resubmitted' },
  start_review: { submitted: 'under_review', resubmitted: 'under_review' },
  request_changes: { under_review: 'changes_requested' },
  decide: { under_review: 'decided' },
  publish: { decided: 'published' },
  fall_due: { published: 'reassessment_due' },
  start_new_version: { published: 'superseded', reassessment_due: 'superseded' },
};

/** The status after a step, or null when the step is not possible in this status. */
export const nextAssessmentStatus = (status: AssessmentStatus, step: AssessmentStep): AssessmentStatus | null => TRANSITIONS[step][status] ?? null;

/** The steps open in a status, by side (what the pages offer). */
export const openSteps = (status: AssessmentStatus, side: Side): AssessmentStep[] =>
  ASSESSMENT_STEPS.filter((step) => STEP_SIDE[step] === side && nextAssessmentStatus(status, step) !== null);

/** Whether an answer may still change: only while the author's side holds the assessment. */
export const isEditable = (status: AssessmentStatus) => status === 'draft' || status === 'changes_requested';

// ---------------------------------------------------------------------------------------------
// Re-assessment: by date (from the decision's band) and on triggers.

export const TRIGGERS = ['profile_changed', 'vendor_changed', 'model_changed', 'data_changed', 'law_changed', 'audit_flagged', 'complaint'] as const;
export type Trigger = { kind: (typeof TRIGGERS)[number]; on: string; note?: string };

/** How long after a trigger the new version must be under way before the assessment counts as overdue. */
export const TRIGGER_GRACE_DAYS = 90;
/** How long before its date a re-assessment shows as due, so it can be prepared. */
export const DUE_NOTICE_DAYS = 30;

export type Reassessment = {
  due: boolean;
  overdue: boolean;
  /** Why, in order: the date, then each trigger since the decision. */
  reasons: ({ kind: 'date'; by: string } | { kind: 'trigger'; trigger: Trigger; overdueFrom: string })[];
};

const DAY = 86_400_000;
/** A moment's date as the assessments keep dates: YYYY-MM-DD, in UTC. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * Whether a decided assessment must be repeated now: its re-assessment date is near or past, or
 * something changed since the decision (a trigger). Overdue: past its date, or a trigger older than
 * the grace period. Dates are YYYY-MM-DD, compared as text.
 */
export function reassessment(decision: { decidedOn: string; reassessBy: string | null }, triggers: readonly Trigger[], today: string): Reassessment {
  const reasons: Reassessment['reasons'] = [];
  let overdue = false;
  if (decision.reassessBy !== null && today >= addDays(decision.reassessBy, -DUE_NOTICE_DAYS)) {
    reasons.push({ kind: 'date', by: decision.reassessBy });
    if (today > decision.reassessBy) overdue = true;
  }
  for (const trigger of [...triggers].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))) {
    if (trigger.on < decision.decidedOn) continue;
    const overdueFrom = addDays(trigger.on, TRIGGER_GRACE_DAYS);
    reasons.push({ kind: 'trigger', trigger, overdueFrom });
    if (today >= overdueFrom) overdue = true;
  }
  return { due: reasons.length > 0, overdue, reasons };
}
