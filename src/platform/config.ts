import path from 'node:path';
import { z } from 'zod';

/** Thrown when the environment or command-line options hold a bad value; names the variable. */
export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().min(1);

const configSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  SAFEGUARD_DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  SAFEGUARD_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SAFEGUARD_API_RATE_LIMIT: positiveInt.default(600),
  SAFEGUARD_SEED: z.enum(['true', 'false']).default('true'),
  SAFEGUARD_CACHE_MB: z.coerce.number().min(0).max(4096).default(32),
  SAFEGUARD_UPLOAD_LIMIT_MB: positiveInt.max(1024 * 1024).default(2048),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string | undefined;
  apiRateLimitPerMinute: number;
  seedOnFirstStart: boolean;
  /** Memory for cached public responses, in megabytes; 0 turns the cache off. */
  cacheMegabytes: number;
  /** The largest decision log a contributor may upload for an audit, in bytes (2 GB by default). */
  uploadLimitBytes: number;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
};

/** Parses configuration once, from the environment with command-line overrides; throws ConfigError naming the variable. */
export function loadConfig(env: Record<string, string | undefined>, overrides: Record<string, string | undefined> = {}): Config {
  const merged: Record<string, string | undefined> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = overrides[key] || env[key];
    merged[key] = value === '' ? undefined : value;
  }
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'configuration');
    throw new ConfigError(variable, `${issue.message} (got ${JSON.stringify(merged[variable])})`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.SAFEGUARD_DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    publicUrl: c.SAFEGUARD_PUBLIC_URL?.replace(/\/$/, ''),
    apiRateLimitPerMinute: c.SAFEGUARD_API_RATE_LIMIT,
    seedOnFirstStart: c.SAFEGUARD_SEED === 'true',
    cacheMegabytes: c.SAFEGUARD_CACHE_MB,
    uploadLimitBytes: c.SAFEGUARD_UPLOAD_LIMIT_MB * 1024 * 1024,
    logLevel: c.LOG_LEVEL,
  };
}
