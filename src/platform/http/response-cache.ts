// An in-memory cache of public GET responses, keyed by language and URL, and valid for one version
// of the data. The register's data version (migration 0012) is read at most once a second, so a
// write from another process (an import on the same PostgreSQL) shows within a second; writes made
// by this process call invalidate(). Pages that depend on today's date (an assessment overdue since
// midnight) must not outlive it: everything is dropped when the UTC day changes. Least recently used
// entries go first once the budget is spent.

/** A cached response: its status, type and body, and the headers a route may set on its own (a download's name, a page's own content security policy). */
export type CachedResponse = { status: number; contentType: string; disposition?: string; csp?: string; body: Buffer };

export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;
  private version: number | null = null;
  private checkedAt = 0;
  private day: number | null = null;
  private pending: Promise<number> | null = null;

  constructor(
    private readonly maxBytes: number,
    private readonly readVersion: () => Promise<number>,
    private readonly now: () => number = Date.now,
    private readonly versionTtlMs = 1000,
  ) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  /** The current data version; refreshed when older than the TTL (one read shared by concurrent callers). */
  async currentVersion(): Promise<number> {
    const day = Math.floor(this.now() / 86_400_000);
    if (day !== this.day) {
      this.clear();
      this.day = day;
    }
    if (this.version !== null && this.now() - this.checkedAt < this.versionTtlMs) return this.version;
    this.pending ??= this.readVersion().finally(() => (this.pending = null));
    const v = await this.pending;
    this.checkedAt = this.now();
    if (v !== this.version) this.clear();
    this.version = v;
    return v;
  }

  /** The cached response for this key at the current version, if any. */
  async get(key: string): Promise<CachedResponse | undefined> {
    if (!this.enabled) return undefined;
    await this.currentVersion();
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /** Stores a response made at `version`; ignored if the data changed meanwhile or it is too large. */
  set(key: string, version: number, value: CachedResponse): void {
    if (!this.enabled || version !== this.version || value.body.length > this.maxBytes / 8) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.body.length;
    this.entries.set(key, value);
    this.bytes += value.body.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.body.length;
    }
  }

  /** Drops everything (after a write by this process). */
  invalidate(): void {
    this.clear();
    this.version = null;
  }

  private clear() {
    this.entries.clear();
    this.bytes = 0;
  }
}
