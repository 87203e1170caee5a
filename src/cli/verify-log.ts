import type { Command } from 'commander';
import { fail, openRegister } from './context.ts';

export function verifyLogCommand(program: Command) {
  program
    .command('verify-log')
    .description('Walk the audit log\'s hash chain; exit non-zero naming the first broken entry.')
    .option('--data <dir>', 'data directory of the embedded database (env SAFEGUARD_DATA_DIR); ignored when DATABASE_URL is set')
    .action(async (opts: { data?: string }) => {
      try {
        const [{ db }, { verifyLog }] = await Promise.all([openRegister(opts), import('../platform/audit-log/verify-log.ts')]);
        const result = await verifyLog(db);
        await db.close();
        if (!result.ok) {
          console.error(`safeguard verify-log: BROKEN at entry ${result.broken.seq}: ${result.broken.message}.`);
          const n = result.entries;
          console.error(n === 1 ? 'The entry before it is intact.' : `The ${n} entries before it are intact.`);
          process.exit(2);
        }
        console.log(result.head
          ? `The audit log is intact: ${result.entries} entries; the last is entry ${result.head.seq} with hash ${result.head.hash}.\n` +
            'Keep that hash somewhere else: an entry removed from the end of the log can only be noticed against it.'
          : 'The audit log is empty.');
      } catch (error) {
        fail(error);
      }
    });
}
