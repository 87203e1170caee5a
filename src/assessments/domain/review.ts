import type { AssessmentFile } from './assessment-file.ts';
import type { Definition } from './definition.ts';
import { DIMENSIONS, type Decision, type Dimension, type Level } from './scoring.ts';

// The oversight body's review of a submitted version: each section evaluated (acceptable /
// improvable / to correct) with a comment, the reviewer's own estimate of any harm (shown beside the
// author's), which mitigations the reviewer accepts, and the outcome: changes requested, or a decision.

export const EVALUATIONS = ['acceptable', 'improvable', 'to_correct'] as const;
export type Evaluation = (typeof EVALUATIONS)[number];

export type SectionReview = { evaluation: Evaluation | null; comment: string };
export type HarmEstimate = Partial<Record<Dimension, Level | 'unknown'>>;

export type Review = {
  sections: Record<string, SectionReview>;
  /** The reviewer's re-estimates by harm id: only the dimensions the reviewer changed. */
  estimates: Record<string, HarmEstimate>;
  /** The reviewer's acceptance of each mitigation, by id. */
  mitigations: Record<string, 'pending' | 'accepted' | 'rejected'>;
  comment: string;
};

export const emptyReview = (): Review => ({ sections: {}, estimates: {}, mitigations: {}, comment: '' });

const COMMENT_MAX = 5000;

/**
 * The assessment as the reviewer sees it: the reviewer's estimates replace the author's for the
 * dimensions re-estimated, and each mitigation carries the reviewer's acceptance. The decision is
 * scored on this.
 */
export function reviewedFile(file: AssessmentFile, review: Review): AssessmentFile {
  return {
    ...file,
    harms: file.harms.map((h) => {
      const e = review.estimates[h.id];
      if (!e) return h;
      return {
        ...h,
        ...(e.scale && e.scale !== 'unknown' ? { scale: e.scale } : {}),
        ...(e.scope && e.scope !== 'unknown' ? { scope: e.scope } : {}),
        ...(e.irremediability && e.irremediability !== 'unknown' ? { irremediability: e.irremediability } : {}),
        ...(e.likelihood ? { likelihood: e.likelihood } : {}),
      };
    }),
    mitigations: file.mitigations.map((m) => ({ ...m, review: review.mitigations[m.id] ?? 'pending' })),
  };
}

type State = Record<string, string | string[]>;
const text = (v: string | string[] | undefined) => (Array.isArray(v) ? v[v.length - 1] ?? '' : v ?? '').trim();

/**
 * Reads the review form (fields section.<id>.evaluation / .comment, estimate.<harm>.<dimension>,
 * mitigation.<id>, comment); errors by field name, as form.error.* codes.
 */
export function reviewFromForm(definition: Definition, file: AssessmentFile, state: State): { ok: true; review: Review } | { ok: false; errors: Record<string, string> } {
  const review = emptyReview();
  const errors: Record<string, string> = {};
  for (const s of definition.sections) {
    const evaluation = text(state[`section.${s.id}.evaluation`]);
    const comment = text(state[`section.${s.id}.comment`]);
    if (evaluation && !(EVALUATIONS as readonly string[]).includes(evaluation)) errors[`section.${s.id}.evaluation`] = 'choice_invalid';
    if (comment.length > COMMENT_MAX) errors[`section.${s.id}.comment`] = 'too_long';
    if (evaluation || comment) review.sections[s.id] = { evaluation: (evaluation || null) as Evaluation | null, comment };
  }
  for (const h of file.harms) {
    const estimate: HarmEstimate = {};
    for (const d of DIMENSIONS) {
      const v = text(state[`estimate.${h.id}.${d}`]);
      if (!v) continue;
      if (v === 'unknown' && d === 'likelihood') estimate[d] = 'unknown';
      else if (/^[1-4]$/.test(v)) estimate[d] = Number(v) as Level;
      else errors[`estimate.${h.id}.${d}`] = 'choice_invalid';
    }
    if (Object.keys(estimate).length) review.estimates[h.id] = estimate;
  }
  for (const m of file.mitigations) {
    const v = text(state[`mitigation.${m.id}`]);
    if (!v) continue;
    if (v === 'pending' || v === 'accepted' || v === 'rejected') review.mitigations[m.id] = v;
    else errors[`mitigation.${m.id}`] = 'choice_invalid';
  }
  review.comment = text(state.comment);
  if (review.comment.length > COMMENT_MAX) errors.comment = 'too_long';
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, review };
}

/** Why changes cannot be requested yet: the author must be told what to change. */
export function changesRequestProblem(review: Review): string | null {
  const pointed = Object.values(review.sections).some((s) => s.evaluation === 'improvable' || s.evaluation === 'to_correct');
  return pointed || review.comment ? null : 'review_changes_unexplained';
}

/** The review form's values for a saved review (what the form shows again). */
export function reviewFormState(review: Review): State {
  const state: State = { comment: review.comment };
  for (const [id, s] of Object.entries(review.sections)) {
    state[`section.${id}.evaluation`] = s.evaluation ?? '';
    state[`section.${id}.comment`] = s.comment;
  }
  for (const [harm, e] of Object.entries(review.estimates)) for (const [d, v] of Object.entries(e)) state[`estimate.${harm}.${d}`] = String(v);
  for (const [id, v] of Object.entries(review.mitigations)) state[`mitigation.${id}`] = v;
  return state;
}
