import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { Secret, TOTP } from 'otpauth';
import { sha256Hex } from '../audit-log/store.ts';

// The account secrets: random tokens (stored only as SHA-256), argon2id password hashes, the list
// of common passwords, and TOTP codes.

/** 256 random bits, URL-safe: session ids, invitation tokens. */
export const randomToken = () => randomBytes(32).toString('base64url');
export const tokenHash = (token: string) => sha256Hex(token);

/** OWASP's argon2id settings: 19 MiB of memory, 2 iterations, 1 lane. */
// (Algorithm is a const enum, which isolated modules cannot read: 2 is Argon2id.)
const ARGON2 = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash nobody's password matches, verified when the account does not exist, so that takes as long. */
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hash(randomToken(), ARGON2));

const common = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
/** Whether a lower-case password is among the ~49,000 most common (zxcvbn-ts's list). */
export const isCommonPassword = (lowerCase: string) => common.has(lowerCase);

// TOTP, RFC 6238: SHA-1, 6 digits, 30-second steps, what every authenticator app reads.
const TOTP_PERIOD = 30;
const totp = (secretBase32: string, label = 'Safeguard') =>
  new TOTP({ issuer: 'Safeguard', label, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD, secret: Secret.fromBase32(secretBase32) });

export const newTotpSecret = () => new Secret({ size: 20 }).base32;
export const totpUri = (secretBase32: string, label: string) => totp(secretBase32, label).toString();

/**
 * The time step of a valid code (one step of clock drift either way), or null. Callers refuse a
 * step not after the last one accepted, so a code works once.
 */
export function totpStep(secretBase32: string, code: string, now: Date): number | null {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  const delta = totp(secretBase32).validate({ token: clean, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / TOTP_PERIOD) + delta;
}

/** The current code (for tests and for showing that set-up works). */
export const totpCode = (secretBase32: string, now: Date) => totp(secretBase32).generate({ timestamp: now.getTime() });

/** Ten recovery codes of 10 base32 characters (50 bits), shown once and stored hashed. */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  return Array.from({ length: 10 }, () => {
    const bytes = randomBytes(10);
    const s = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}
export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/^(.{5})(.{5})$/, '$1-$2');
