import { describe, expect, it } from 'vitest';
import { ASSESSMENT_STATUSES, ASSESSMENT_STEPS, isEditable, nextAssessmentStatus, openSteps, reassessment, type AssessmentStatus, type AssessmentStep } from './workflow.ts';

// Every allowed transition, written out; every other (status, step) pair must be refused.
const ALLOWED: [AssessmentStatus, AssessmentStep, AssessmentStatus][] = [
  ['draft', 'edit', 'draft'],
  ['draft', 'submit', 'submitted'],
  ['submitted', 'start_review', 'under_review'],
  ['under_review', 'request_changes', 'changes_requested'],
  ['changes_requested', 'edit', 'changes_requested'],
  ['changes_requested', 'resubmit', 'resubmitted'],
  ['resubmitted', 'start_review', 'under_review'],
  ['under_review', 'decide', 'decided'],
  ['decided', 'publish', 'published'],
  ['published', 'fall_due', 'reassessment_due'],
  ['published', 'start_new_version', 'superseded'],
  ['reassessment_due', 'start_new_version', 'superseded'],
];

describe('the assessment workflow', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, step, to) => expect(nextAssessmentStatus(from, step)).toBe(to));

  it('refuses every other step in every status', () => {
    const allowed = new Set(ALLOWED.map(([from, step]) => `${from} ${step}`));
    const refused = ASSESSMENT_STATUSES.flatMap((s) => ASSESSMENT_STEPS.map((step) => [s, step] as const)).filter(([s, step]) => !allowed.has(`${s} ${step}`));
    expect(refused.length).toBe(ASSESSMENT_STATUSES.length * ASSESSMENT_STEPS.length - ALLOWED.length);
    for (const [s, step] of refused) expect(nextAssessmentStatus(s, step), `${s} ${step}`).toBeNull();
  });

  it('offers each side only its own steps, and lets answers change only on the author\'s side', () => {
    expect(openSteps('draft', 'author')).toEqual(['edit', 'submit']);
    expect(openSteps('draft', 'oversight')).toEqual([]);
    expect(openSteps('under_review', 'oversight')).toEqual(['request_changes', 'decide']);
    expect(openSteps('under_review', 'author')).toEqual([]);
    expect(openSteps('changes_requested', 'author')).toEqual(['edit', 'resubmit']);
    expect(openSteps('published', 'system')).toEqual(['fall_due']);
    expect(openSteps('superseded', 'author')).toEqual([]);
    expect(ASSESSMENT_STATUSES.filter(isEditable)).toEqual(['draft', 'changes_requested']);
  });
});

describe('re-assessment', () => {
  const decision = { decidedOn: '2026-06-01', reassessBy: '2027-06-01' };

  it('falls due 30 days before its date and is overdue the day after', () => {
    expect(reassessment(decision, [], '2027-05-01')).toEqual({ due: false, overdue: false, reasons: [] });
    expect(reassessment(decision, [], '2027-05-02')).toEqual({ due: true, overdue: false, reasons: [{ kind: 'date', by: '2027-06-01' }] });
    expect(reassessment(decision, [], '2027-06-01').overdue).toBe(false);
    expect(reassessment(decision, [], '2027-06-02').overdue).toBe(true);
  });

  it('falls due at once on a trigger after the decision, overdue 90 days later; earlier triggers were already weighed', () => {
    const vendor = { kind: 'vendor_changed' as const, on: '2026-09-10' };
    const before = { kind: 'law_changed' as const, on: '2026-05-30' };
    const r = reassessment(decision, [vendor, before], '2026-09-10');
    expect(r).toEqual({ due: true, overdue: false, reasons: [{ kind: 'trigger', trigger: vendor, overdueFrom: '2026-12-09' }] });
    expect(reassessment(decision, [vendor], '2026-12-08').overdue).toBe(false);
    expect(reassessment(decision, [vendor], '2026-12-09').overdue).toBe(true);
    expect(reassessment(decision, [before], '2026-09-10').due).toBe(false);
  });

  it('lists the date first, then the triggers in date order; a halted system (no date) still falls due on triggers', () => {
    const audit = { kind: 'audit_flagged' as const, on: '2027-02-01' };
    const complaint = { kind: 'complaint' as const, on: '2026-12-24' };
    expect(reassessment(decision, [audit, complaint], '2027-05-20').reasons.map((x) => (x.kind === 'date' ? 'date' : x.trigger.kind))).toEqual(['date', 'complaint', 'audit_flagged']);
    const halted = { decidedOn: '2026-06-01', reassessBy: null };
    expect(reassessment(halted, [], '2030-01-01')).toEqual({ due: false, overdue: false, reasons: [] });
    expect(reassessment(halted, [complaint], '2027-01-01').due).toBe(true);
  });
});
