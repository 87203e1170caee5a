import { describe, expect, it } from 'vitest';
import { passwordProblems, PASSWORD_MIN_LENGTH } from './password.ts';

const COMMON = new Set(['password', 'qwertyuiop', 'iloveyou', 'sunshine', '1q2w3e4r5t6y']);
const isCommon = (p: string) => COMMON.has(p);

describe('password rules', () => {
  it('asks for 12 characters, counted as people count them', () => {
    expect(passwordProblems('short', isCommon)).toEqual(['too_short']);
    expect(passwordProblems('a'.repeat(PASSWORD_MIN_LENGTH - 1) + 'b', isCommon)).toEqual([]);
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(passwordProblems('🙂'.repeat(11), isCommon)).toEqual(['too_short']);
  });
  it('has no composition rules: a long phrase in lower case passes, in any script', () => {
    expect(passwordProblems('correct horse battery staple', isCommon)).toEqual([]);
    expect(passwordProblems('كلمة سر طويلة جدا', isCommon)).toEqual([]);
  });
  it('refuses common passwords, also padded with digits or repeated', () => {
    expect(passwordProblems('1q2w3e4r5t6y', isCommon)).toEqual(['common']);
    expect(passwordProblems('Sunshine2026', isCommon)).toEqual(['common']);
    expect(passwordProblems('password!!!!', isCommon)).toEqual(['common']);
    expect(passwordProblems('abcabcabcabc', isCommon)).toEqual(['common']);
  });
  it('refuses the account name or e-mail as the password', () => {
    expect(passwordProblems('amal.haddad@example.org', isCommon, ['amal.haddad@example.org', 'Amal Haddad'])).toContain('personal');
    expect(passwordProblems('haddadhaddad', isCommon, ['amal@example.org', 'Amal Haddad'])).toContain('personal');
    expect(passwordProblems('a river runs past haddad street', isCommon, ['Amal Haddad'])).toEqual([]);
  });
  it('caps the length at 256 characters', () => {
    expect(passwordProblems('x'.repeat(257), isCommon)).toEqual(['too_long']);
  });
});
