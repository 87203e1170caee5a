import { recordAudit } from '../platform/audit-log/store.ts';
import { auditActorOf } from '../platform/auth/domain/roles.ts';
import type { Database } from '../platform/db/database.ts';
import { DomainError } from '../platform/errors.ts';
import { definitionOf, requireAuthor, visibleAssessment, type Member } from './access.ts';
import { answersFromForm, type FormErrors, type FormState } from './domain/answers.ts';
import { isEditable } from './domain/workflow.ts';
import { saveAnswers as writeAnswers } from './store.ts';

/**
 * Saves the questionnaire form as the draft's answers (a draft may be incomplete; only malformed
 * values are refused, and then nothing is saved). Only the sections given are read, so a form of one
 * section leaves the others as they are.
 */
export async function saveAnswers(db: Database, actor: Member, id: string, input: { title: string; state: FormState; sections?: ReadonlySet<string> }, now: Date):
  Promise<{ ok: true } | { ok: false; errors: FormErrors }> {
  const title = input.title.trim();
  const errors: FormErrors = {};
  if (!title) errors.title = 'required';
  else if (title.length > 300) errors.title = 'too_long';
  return db.transaction(async (tx) => {
    const a = await visibleAssessment(tx, actor, id, { forUpdate: true });
    requireAuthor(actor, a);
    if (!isEditable(a.status)) throw new DomainError('invalid_input', 'This assessment is with the oversight body: it cannot change until changes are requested.');
    const read = answersFromForm(definitionOf(a), input.state, a.answers, input.sections);
    if (!read.ok || Object.keys(errors).length) return { ok: false as const, errors: { ...errors, ...(read.ok ? {} : read.errors) } };
    await writeAnswers(tx, id, read.answers, title, now);
    await recordAudit(tx, { action: 'assessment.saved', actor: auditActorOf(actor), subjectType: 'assessment', subjectId: id, details: { sections: input.sections ? [...input.sections] : 'all' } }, now);
    return { ok: true as const };
  });
}
