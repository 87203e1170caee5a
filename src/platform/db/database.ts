import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse as pgParse, PGlite, protocol } from '@electric-sql/pglite';
import pg from 'pg';

export type QueryOptions = {
  /**
   * Keep the statement prepared on the server, so later runs skip parsing and planning. Only for
   * SQL whose text is fixed (values go in params): each distinct text stays prepared on every
   * connection of the pool, up to MAX_PREPARED texts per process.
   */
  prepare?: boolean;
};

/** Anything that runs SQL: the database itself or a transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
}

/** One PostgreSQL dialect, two engines: embedded PGlite or a PostgreSQL server. */
export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;
// Counts come back as numbers and calendar dates as 'YYYY-MM-DD' strings on both engines;
// numeric (money) stays a string so no amount is rounded.
const toNumber = (v: string) => Number(v);
const keepString = (v: string) => v;

/**
 * A statement kept prepared in PGlite's one session. PGlite's own query() parses and plans every
 * statement again (planning is most of a record page's SQL time there); this speaks the same
 * extended protocol with a named statement: Parse and Describe once, then Bind, Describe, Execute
 * and Sync in one message, with PGlite's own serializers for the parameters and parsers for the rows.
 */
function pglitePrepared(db: PGlite) {
  const { serialize } = protocol;
  const nameOf = preparedNames();
  const prepared = new Map<string, number[]>();
  const message = (...parts: Uint8Array[]) => Buffer.concat(parts);
  return async <T>(sql: string, params: readonly unknown[] | undefined): Promise<T[] | undefined> => {
    const name = nameOf(sql);
    if (!name) return undefined;
    return db.runExclusive(async () => {
      let types = prepared.get(name);
      if (!types) {
        const described = await db.execProtocol(message(serialize.parse({ name, text: sql, types: [] }), serialize.describe({ type: 'S', name }), serialize.sync()), { syncToFs: false });
        types = pgParse.parseDescribeStatementResults(described.messages);
        prepared.set(name, types);
      }
      const values = (params ?? []).map((v, i) => {
        if (v === null || v === undefined) return null;
        const serializer = db.serializers[types[i]!];
        return serializer ? serializer(v) : String(v);
      });
      const result = await db.execProtocol(message(serialize.bind({ statement: name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()), { syncToFs: false });
      return (pgParse.parseResults(result.messages, db.parsers)[0]?.rows ?? []) as T[];
    });
  };
}

/** Opens the embedded database in dataDir (created if missing), or in memory when dataDir is undefined. */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const db = await PGlite.create(dataDir, { parsers: { [INT8]: toNumber, [DATE]: keepString } });
  const run = async <T>(q: { query: PGlite['query'] }, sql: string, params?: readonly unknown[]) =>
    (await q.query<T>(sql, params as unknown[] | undefined)).rows;
  const prepared = pglitePrepared(db);
  return {
    engine: 'pglite',
    query: async <T>(sql: string, params?: readonly unknown[], options?: QueryOptions) =>
      (options?.prepare ? await prepared<T>(sql, params) : undefined) ?? run<T>(db, sql, params),
    exec: async (sql) => {
      try {
        await db.exec(sql);
      } catch (error) {
        await db.exec('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
    transaction: (fn) => db.transaction((tx) => fn({ query: (sql, params) => run(tx, sql, params) })),
    close: () => db.close(),
  };
}

/** Distinct statement texts kept prepared per process; beyond it, statements run unprepared. */
export const MAX_PREPARED = 64;

/** Names prepared statements after a hash of their text, for at most MAX_PREPARED texts. */
function preparedNames() {
  const names = new Map<string, string>();
  return (sql: string): string | undefined => {
    let name = names.get(sql);
    if (name === undefined && names.size < MAX_PREPARED) {
      name = `sg_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
      names.set(sql, name);
    }
    return name;
  };
}

/** Connects to a PostgreSQL server with a small pool. */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const typeParsers = {
    getTypeParser: ((oid: number, format?: string) =>
      oid === INT8 ? toNumber : oid === DATE ? keepString : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: typeParsers });
  pool.on('error', () => {
    /* an idle client lost its connection; the pool replaces it */
  });
  await pool.query('SELECT 1');
  const nameOf = preparedNames();
  const run = async (q: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[], options?: QueryOptions) => {
    const name = options?.prepare ? nameOf(sql) : undefined;
    const values = params as unknown[] | undefined;
    return (await (name ? q.query({ name, text: sql, values }) : q.query(sql, values))).rows;
  };
  return {
    engine: 'postgres',
    query: (sql, params, options) => run(pool, sql, params, options),
    exec: async (sql) => {
      const client = await pool.connect();
      try {
        await client.query(sql);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: (sql, params, options) => run(client, sql, params, options) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Opens the configured engine: PostgreSQL when a URL is given, otherwise PGlite in dataDir/pgdata. */
export function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(path.join(options.dataDir, 'pgdata'));
}
