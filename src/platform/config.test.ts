import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

/** Runs loadConfig expecting a ConfigError, and returns it. */
function configError(env: Record<string, string | undefined>, overrides?: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env, overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected loadConfig(${JSON.stringify(env)}) to throw a ConfigError`);
}

describe('loadConfig', () => {
  it('uses defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: path.resolve('data'),
      databaseUrl: undefined,
      publicUrl: undefined,
      apiRateLimitPerMinute: 600,
      seedOnFirstStart: true,
      cacheMegabytes: 32,
      uploadLimitBytes: 2048 * 1024 * 1024,
      logLevel: 'info',
    });
  });

  it('reads every variable from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      SAFEGUARD_DATA_DIR: '/var/lib/safeguard',
      DATABASE_URL: 'postgresql://user@db/safeguard',
      SAFEGUARD_PUBLIC_URL: 'https://register.example.org/',
      SAFEGUARD_API_RATE_LIMIT: '120',
      SAFEGUARD_SEED: 'false',
      SAFEGUARD_CACHE_MB: '0',
      SAFEGUARD_UPLOAD_LIMIT_MB: '100',
      LOG_LEVEL: 'debug',
    });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/safeguard',
      databaseUrl: 'postgresql://user@db/safeguard',
      publicUrl: 'https://register.example.org',
      apiRateLimitPerMinute: 120,
      seedOnFirstStart: false,
      cacheMegabytes: 0,
      uploadLimitBytes: 100 * 1024 * 1024,
      logLevel: 'debug',
    });
  });

  it('parses PORT as a number, including the bounds 0 and 65535', () => {
    expect(loadConfig({ PORT: '4000' }).port).toBe(4000);
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
    expect(loadConfig({ PORT: '65535' }).port).toBe(65535);
  });

  it.each(['abc', '70000', '-1', '80.5'])('rejects PORT=%j with a ConfigError naming PORT', (value) => {
    const error = configError({ PORT: value });
    expect(error.variable).toBe('PORT');
    expect(error.name).toBe('ConfigError');
    expect(error.message).toMatch(/^PORT: /);
    expect(error.message).toContain(JSON.stringify(value));
  });

  it('accepts postgres:// and postgresql:// database URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/db' }).databaseUrl).toBe('postgres://localhost/db');
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/db' }).databaseUrl).toBe('postgresql://localhost/db');
  });

  it('rejects a non-postgres DATABASE_URL, naming DATABASE_URL', () => {
    const error = configError({ DATABASE_URL: 'mysql://x' });
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).toMatch(/^DATABASE_URL: /);
    expect(error.message).toContain('postgres');
    expect(error.message).toContain('"mysql://x"');
  });

  it('names the variable for other bad values too', () => {
    expect(configError({ SAFEGUARD_PUBLIC_URL: 'ftp://example.org' }).variable).toBe('SAFEGUARD_PUBLIC_URL');
    expect(configError({ SAFEGUARD_API_RATE_LIMIT: '0' }).variable).toBe('SAFEGUARD_API_RATE_LIMIT');
    expect(configError({ LOG_LEVEL: 'verbose' }).variable).toBe('LOG_LEVEL');
    expect(configError({ SAFEGUARD_SEED: 'yes' }).variable).toBe('SAFEGUARD_SEED');
  });

  it('lets command-line overrides beat the environment', () => {
    const config = loadConfig({ PORT: '3001', HOST: 'env-host', LOG_LEVEL: 'warn' }, { PORT: '4001', HOST: 'cli-host' });
    expect(config.port).toBe(4001);
    expect(config.host).toBe('cli-host');
    expect(config.logLevel).toBe('warn');
  });

  it('reports a bad override against its variable even when the environment value is fine', () => {
    expect(configError({ PORT: '3000' }, { PORT: 'nope' }).variable).toBe('PORT');
  });

  it('treats an empty string as unset', () => {
    const config = loadConfig({ PORT: '', HOST: '', DATABASE_URL: '', SAFEGUARD_PUBLIC_URL: '', SAFEGUARD_SEED: '', LOG_LEVEL: '' });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicUrl).toBeUndefined();
    expect(config.seedOnFirstStart).toBe(true);
    expect(config.logLevel).toBe('info');
  });

  it('turns seeding off only with SAFEGUARD_SEED=false', () => {
    expect(loadConfig({ SAFEGUARD_SEED: 'false' }).seedOnFirstStart).toBe(false);
    expect(loadConfig({ SAFEGUARD_SEED: 'true' }).seedOnFirstStart).toBe(true);
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ UNRELATED: 'x', PATH: '/usr/bin' })).toEqual(loadConfig({}));
  });
});
