import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from './database.ts';
import { migrate } from './migrate.ts';

// Database tests run on PGlite by default, and on a real PostgreSQL server when
// SAFEGUARD_TEST_DATABASE_URL points at one (each test file gets its own throw-away database).

export const testEngine = process.env.SAFEGUARD_TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** A fresh, migrated database for one test file; close() also drops it on PostgreSQL. */
export async function openTestDatabase(): Promise<Database> {
  const adminUrl = process.env.SAFEGUARD_TEST_DATABASE_URL;
  if (!adminUrl) {
    const db = await openPglite(undefined);
    await migrate(db);
    return db;
  }
  const name = `safeguard_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), 4);
  await migrate(db);
  return {
    ...db,
    engine: db.engine,
    close: async () => {
      await db.close();
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name}`);
      await again.end();
    },
  };
}
