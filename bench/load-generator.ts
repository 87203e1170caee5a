import autocannon from 'autocannon';

// The load generator runs in its own process (forked by register.bench.ts), so autocannon does
// not share an event loop with the server it measures. It answers one message per run.

export type LoadRequest = {
  url: string;
  /** Paths requested in turn by each connection (one path: always the same). */
  paths: string[];
  connections: number;
  seconds: number;
};

export type LoadResult = {
  requests: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; average: number };
  status2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
};

export type LoadReply = { ok: true; result: LoadResult } | { ok: false; error: string };

function run(req: LoadRequest): Promise<autocannon.Result> {
  return autocannon({
    url: req.url,
    connections: req.connections,
    duration: req.seconds,
    // A response slower than the run itself is simply not counted; it must not count as an error.
    timeout: req.seconds + 600,
    // Each connection walks the list of paths in turn. Every request is built once, up front: a
    // setupRequest callback would rebuild it before each send, and that load-generator work
    // (on the same cores as the server) would count against the pages with many paths only.
    requests: req.paths.map((path) => ({ method: 'GET' as const, path })),
  });
}

async function measure(req: LoadRequest): Promise<LoadResult> {
  const r = await run(req);
  const statusCodes: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = s.count ?? 0;
  return {
    requests: r.requests.total,
    durationSeconds: r.duration,
    requestsPerSecond: r.requests.total / r.duration,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, average: r.latency.average },
    status2xx: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
  };
}

process.on('message', (message: LoadRequest) => {
  measure(message).then(
    (result) => process.send!({ ok: true, result } satisfies LoadReply),
    (error: unknown) => process.send!({ ok: false, error: String((error as Error)?.stack ?? error) } satisfies LoadReply),
  );
});
process.on('disconnect', () => process.exit(0));
