import type { Config } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';

// The CLI loads a command's implementation only when that command runs (dynamic imports), so that
// `safeguard --help` or `safeguard audit` does not first load the web server and the database drivers.

/** Options shared by commands that open the register's database. */
export type DatabaseOptions = { data?: string };

/**
 * Reads configuration (environment plus --data), opens the database, applies migrations and
 * screens again any deployment whose red-line verdict was reached with older rules.
 */
export async function openRegister(opts: DatabaseOptions & Record<string, string | undefined> = {}): Promise<{ config: Config; db: Database; migrations: string[] }> {
  const { loadConfig } = await import('../platform/config.ts');
  const config = loadConfig(process.env, { SAFEGUARD_DATA_DIR: opts.data, PORT: opts.port, HOST: opts.host });
  const [{ openDatabase }, { migrate }, { rescreenDeployments }] = await Promise.all([
    import('../platform/db/database.ts'), import('../platform/db/migrate.ts'), import('../register/store/write.ts'),
  ]);
  const db = await openDatabase(config);
  const migrations = await migrate(db);
  await rescreenDeployments(db);
  return { config, db, migrations };
}

/** Prints a configuration error naming the variable, or any other failure, and exits non-zero. */
export function fail(error: unknown): never {
  // (By name: the configuration module, and zod with it, loads only when a command opens the register.)
  if (error instanceof Error && error.name === 'ConfigError') console.error(`safeguard: bad configuration: ${error.message}`);
  else console.error(`safeguard: ${(error as Error).message ?? String(error)}`);
  process.exit(1);
}
