
// Public traffic must leave no trace of who visited: request logs carry the method, the route
// pattern (not the query, which can hold a name someone searched for), the status and the time.
// No IP address, no user agent, no referrer, no cookies.

/** Serializers for pino that keep only what is needed to run the service. */
export const logSerializers = {
  req: (req: { method: string; routeOptions?: { url?: string } }) => ({ method: req.method, route: req.routeOptions?.url ?? 'unmatched' }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};
