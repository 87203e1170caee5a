// When a session ends by itself: after 30 minutes without a request, or 12 hours after sign-in,
// whichever comes first.

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
/** last_seen_at is written at most this often, so reading pages does not mean writing rows. */
export const SESSION_TOUCH_MS = 60_000;

export type SessionTimes = { createdAt: Date; lastSeenAt: Date };

export function sessionExpiry(s: SessionTimes, now: Date): 'active' | 'idle' | 'absolute' {
  if (now.getTime() - s.createdAt.getTime() >= SESSION_ABSOLUTE_MS) return 'absolute';
  if (now.getTime() - s.lastSeenAt.getTime() >= SESSION_IDLE_MS) return 'idle';
  return 'active';
}

export const needsTouch = (s: SessionTimes, now: Date) => now.getTime() - s.lastSeenAt.getTime() >= SESSION_TOUCH_MS;

// Failed logins, per account name: each failure slows the next answer down, and after
// LOGIN_MAX_FAILURES within LOGIN_WINDOW_MS the account name is refused until the window passes.

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60_000;

export type LoginFailures = { failures: number; firstFailedAt: Date; lastFailedAt: Date };

/** Whether a login for this account name may be tried now, and if not, for how long it is refused. */
export function loginAllowed(f: LoginFailures | undefined, now: Date): { allowed: true } | { allowed: false; retryAfterMs: number } {
  if (!f || now.getTime() - f.firstFailedAt.getTime() >= LOGIN_WINDOW_MS) return { allowed: true };
  if (f.failures < LOGIN_MAX_FAILURES) return { allowed: true };
  return { allowed: false, retryAfterMs: LOGIN_WINDOW_MS - (now.getTime() - f.firstFailedAt.getTime()) };
}

/** The failure record after one more failure (a new window starts once the old one has passed). */
export function addFailure(f: LoginFailures | undefined, now: Date): LoginFailures {
  if (!f || now.getTime() - f.firstFailedAt.getTime() >= LOGIN_WINDOW_MS) return { failures: 1, firstFailedAt: now, lastFailedAt: now };
  return { failures: f.failures + 1, firstFailedAt: f.firstFailedAt, lastFailedAt: now };
}

/** How long to wait before answering a failed attempt: 0.5 s, doubling per failure, at most 4 s. */
export const failureDelayMs = (failures: number) => Math.min(500 * 2 ** Math.max(0, failures - 1), 4000);
