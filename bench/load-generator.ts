import autocannon from 'autocannon';

// The load generator runs in its own process (forked by register.bench.ts), so autocannon does
// not share an event loop with the server it measures. It answers one message per run.

export type LoadRequest = {
  url: string;
  /** Paths requested in turn, across all connections (one path: always the same). */
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
  let next = 0;
  const paths = req.paths;
  return autocannon({
    url: req.url,
    connections: req.connections,
    duration: req.seconds,
    // A response slower than the run itself is simply not counted; it must not count as an error.
    timeout: req.seconds + 600,
    // setupRequest runs before every request of every connection: one rotation over the paths, shared
    // by all connections. (A list of prebuilt requests costs the load generator less, but every
    // connection walks such a list from its start, in step with the others, so no path is asked for
    // twice before a whole pass is done: that measures a cold cache on every request, not visitors.)
    requests: [
      paths.length > 1
        ? { method: 'GET', path: paths[0]!, setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }
        : { method: 'GET', path: paths[0]! },
    ],
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
