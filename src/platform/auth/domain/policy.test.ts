import { describe, expect, it } from 'vitest';
import { ACTIONS, can, type Action } from './policy.ts';
import { ANONYMOUS, ROLES, type Actor, type Role } from './roles.ts';

const memberWith = (role: Role, totpEnabled = true): Actor => ({
  kind: 'member', userId: 'u', displayName: 'M', totpEnabled,
  memberships: [{ organisationId: 'o', organisationSlug: 'o', organisationName: 'O', role }],
});

// The whole policy as a table: action → who may.
const EXPECTED: Record<Action, (Role | 'anonymous')[]> = {
  'register.read': ['anonymous', ...ROLES],
  'account.view': [...ROLES],
  'account.manage_second_factor': [...ROLES],
  'session.end': [...ROLES],
  'invitation.create': ['admin'],
  'invitation.list': ['admin'],
  'invitation.revoke': ['admin'],
  'draft.list': ['contributor', 'editor'],
  'draft.create': ['contributor', 'editor'],
  'draft.edit': ['contributor', 'editor'],
  'draft.review': ['editor'],
  'record.unpublish': ['editor'],
  'suggestion.create': ['anonymous', ...ROLES],
  'suggestion.moderate': ['editor'],
  'audit.upload': ['contributor', 'editor'],
  'audit.view': ['contributor', 'editor'],
  'audit.publish': ['editor'],
  'assessment.write': ['contributor', 'editor'],
  'assessment.view': ['contributor', 'editor', 'oversight'],
  'assessment.review': ['oversight'],
  'assessment.trigger': ['contributor', 'editor', 'oversight'],
  'analysis.write': ['contributor', 'editor'],
  'analysis.view': ['contributor', 'editor'],
};

describe('policy', () => {
  for (const action of ACTIONS) {
    for (const who of ['anonymous', ...ROLES] as const) {
      const allowed = EXPECTED[action].includes(who);
      it(`${action} — ${who}: ${allowed ? 'allow' : 'deny'}`, () => {
        expect(can(who === 'anonymous' ? ANONYMOUS : memberWith(who), action)).toBe(allowed);
      });
    }
  }

  it('refuses an action it has no rule for', () => {
    expect(can(memberWith('admin'), 'content.delete_history' as Action)).toBe(false);
    expect(can(memberWith('admin'), 'constructor' as Action)).toBe(false);
    expect(can(memberWith('admin'), '__proto__' as Action)).toBe(false);
  });

  it('lets members edit only their own organisation\'s drafts, and editors review only drafts of others', () => {
    const contributor = memberWith('contributor');
    expect(can(contributor, 'draft.edit', { organisationId: 'o' })).toBe(true);
    expect(can(contributor, 'draft.edit', { organisationId: 'other' })).toBe(false);
    const editor = memberWith('editor');
    expect(can(editor, 'draft.review', { authorId: 'someone else' })).toBe(true);
    expect(can(editor, 'draft.review', { authorId: 'u' })).toBe(false);
    expect(can(memberWith('admin'), 'draft.review', { authorId: 'someone else' })).toBe(false);
  });

  it('lets an assessment be reviewed only by an oversight member of another organisation than the assessor', () => {
    expect(can(memberWith('oversight'), 'assessment.review', { organisationId: 'other' })).toBe(true);
    expect(can(memberWith('oversight'), 'assessment.review', { organisationId: 'o' })).toBe(false);
    expect(can(memberWith('oversight'), 'assessment.view', { organisationId: 'o' })).toBe(false);
    expect(can(memberWith('editor'), 'assessment.review', { organisationId: 'other' })).toBe(false);
    expect(can(memberWith('contributor'), 'assessment.write', { organisationId: 'other' })).toBe(false);
    expect(can(memberWith('contributor'), 'assessment.view', { organisationId: 'other' })).toBe(false);
  });

  it('keeps an analysis to its own organisation\'s writers', () => {
    expect(can(memberWith('contributor'), 'analysis.write', { organisationId: 'o' })).toBe(true);
    expect(can(memberWith('editor'), 'analysis.view', { organisationId: 'other' })).toBe(false);
    expect(can(memberWith('oversight'), 'analysis.view', { organisationId: 'o' })).toBe(false);
  });

  it('shows an audit job to its organisation and to editors, and lets only another editor publish it', () => {
    expect(can(memberWith('contributor'), 'audit.view', { organisationId: 'o' })).toBe(true);
    expect(can(memberWith('contributor'), 'audit.view', { organisationId: 'other' })).toBe(false);
    expect(can(memberWith('editor'), 'audit.view', { organisationId: 'other' })).toBe(true);
    expect(can(memberWith('editor'), 'audit.publish', { authorId: 'someone else' })).toBe(true);
    expect(can(memberWith('editor'), 'audit.publish', { authorId: 'u' })).toBe(false);
  });

  it('lets admins and oversight members without a second factor do nothing but set it up', () => {
    for (const role of ['admin', 'oversight'] as const) {
      const actor = memberWith(role, false);
      expect(can(actor, 'account.manage_second_factor')).toBe(true);
      expect(can(actor, 'session.end')).toBe(true);
      expect(can(actor, 'invitation.list')).toBe(false);
    }
    expect(can(memberWith('editor', false), 'account.view')).toBe(true);
  });
});
