import { answerSource, type Answers } from './answers.ts';
import type { AssessmentFile } from './assessment-file.ts';
import { holds, isAnswered, type Definition, type Question } from './definition.ts';
import type { Review, SectionReview } from './review.ts';
import type { Decision, Dimensions, Harm, Right, Score } from './scoring.ts';

// What the public sees of a decided assessment: the decision and the score it rests on, every harm
// with the author's and the reviewer's estimates, the oversight body's evaluation of each section,
// and the answers, minus what was withheld, each withheld answer listed with its reason.

export const FINDINGS_SCHEMA = 'safeguard.assessment-findings/1';

export const REDACTION_REASONS = ['personal_data', 'security', 'ongoing_proceedings', 'commercial_confidentiality', 'third_party_rights'] as const;
export type RedactionReason = (typeof REDACTION_REASONS)[number];
export type Redaction = { question: string; reason: RedactionReason };

type HarmEstimates = Pick<Harm, 'scale' | 'scope' | 'irremediability' | 'likelihood'>;

export type PublishedFindings = {
  schema: typeof FINDINGS_SCHEMA;
  definition: { id: string; version: string };
  title: string;
  deployment: { slug: string; title: string };
  assessor: { organisation: string; kind: string };
  edition: number;
  version: number;
  assessedOn: string;
  decision: Decision;
  decidedOn: string;
  reassessBy: string | null;
  /** The score of the assessment as the reviewer saw it (the decision rests on it). */
  score: Score;
  /** The score of the assessment as its author submitted it. */
  authorScore: Score;
  harms: { id: string; right: Right; description: string; groups: string[]; author: HarmEstimates; reviewer: Partial<Dimensions & { likelihood: Dimensions['likelihood'] | 'unknown' }> | null }[];
  sections: Record<string, SectionReview>;
  reviewComment: string;
  answers: Answers;
  redactions: Redaction[];
  publishedOn: string;
};

/**
 * The questions whose answers may be withheld: the free answers. The facts the decision rests on
 * (screening, legal basis, alternatives, context of the decision, harms and mitigations) are always
 * published, so anyone can check the result.
 */
export function withholdable(definition: Definition): Question[] {
  return definition.sections.flatMap((s) => s.questions.filter((q) => !q.binds));
}

/** Reads the publication form: withhold.<question id> = a reason, or empty to publish the answer. */
export function redactionsFromForm(definition: Definition, state: Record<string, string | string[]>): { ok: true; redactions: Redaction[] } | { ok: false; errors: Record<string, string> } {
  const redactions: Redaction[] = [];
  const errors: Record<string, string> = {};
  for (const q of withholdable(definition)) {
    const raw = state[`withhold.${q.id}`];
    const v = (Array.isArray(raw) ? raw[raw.length - 1] : raw)?.trim() ?? '';
    if (!v) continue;
    if ((REDACTION_REASONS as readonly string[]).includes(v)) redactions.push({ question: q.id, reason: v as RedactionReason });
    else errors[`withhold.${q.id}`] = 'choice_invalid';
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, redactions };
}

/** The published findings of a decided assessment; withheld answers are left out (and logged), and so are answers to questions that do not apply. */
export function composeFindings(input: {
  definition: Definition; file: AssessmentFile; answers: Answers; review: Review; score: Score; authorScore: Score;
  meta: { deployment: { slug: string; title: string }; organisation: string; edition: number; version: number; decision: Decision; decidedOn: string; reassessBy: string | null; publishedOn: string };
  redactions: Redaction[];
}): PublishedFindings {
  const { definition, file, answers, review, redactions, meta } = input;
  const withheld = new Set(redactions.map((r) => r.question));
  const valueOf = answerSource(answers);
  const published: Answers = {};
  for (const s of definition.sections) {
    if (!holds(s.when, definition, valueOf)) continue;
    for (const q of s.questions) {
      if (withheld.has(q.id) || !holds(q.when, definition, valueOf) || !isAnswered(answers[q.id])) continue;
      published[q.id] = answers[q.id];
    }
  }
  return {
    schema: FINDINGS_SCHEMA,
    definition: { id: definition.id, version: definition.version },
    title: file.assessment.title,
    deployment: meta.deployment,
    assessor: { organisation: meta.organisation, kind: file.assessment.assessorKind },
    edition: meta.edition,
    version: meta.version,
    assessedOn: file.assessment.assessedOn,
    decision: meta.decision,
    decidedOn: meta.decidedOn,
    reassessBy: meta.reassessBy,
    score: input.score,
    authorScore: input.authorScore,
    harms: file.harms.map((h) => ({
      id: h.id, right: h.right, description: h.description, groups: h.groups,
      author: { scale: h.scale, scope: h.scope, irremediability: h.irremediability, likelihood: h.likelihood },
      reviewer: review.estimates[h.id] ? { ...review.estimates[h.id] } as PublishedFindings['harms'][number]['reviewer'] : null,
    })),
    sections: review.sections,
    reviewComment: review.comment,
    answers: published,
    redactions: redactions.filter((r) => isAnswered(answers[r.question])),
    publishedOn: meta.publishedOn,
  };
}
