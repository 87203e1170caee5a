import type { Command } from 'commander';
import { fail, openRegister } from './context.ts';

export function dbCommand(program: Command) {
  const db = program.command('db').description('Database maintenance.');
  db.command('migrate')
    .description('Apply the committed SQL migrations that are not applied yet.')
    .option('--data <dir>', 'data directory of the embedded database (env SAFEGUARD_DATA_DIR); ignored when DATABASE_URL is set')
    .action(async (opts: { data?: string }) => {
      try {
        const { db: database, migrations } = await openRegister(opts);
        console.log(migrations.length ? `Applied ${migrations.join(', ')}.` : 'The database is up to date.');
        await database.close();
      } catch (error) {
        fail(error);
      }
    });
}
