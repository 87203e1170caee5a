import type { Command } from 'commander';
import { FileError } from '../platform/json-file.ts';
import { fail, openRegister } from './context.ts';

export function importCommand(program: Command) {
  program
    .command('import <file>')
    .description('Import a dataset: the JSON dataset format (as exported) or a flat CSV with one row per deployment. Re-importing is idempotent.')
    .option('--data <dir>', 'data directory of the embedded database (env SAFEGUARD_DATA_DIR); ignored when DATABASE_URL is set')
    .action(async (file: string, opts: { data?: string }) => {
      try {
        const { importDataset, readDatasetFile } = await import('../register/import-dataset.ts');
        const dataset = readDatasetFile(file); // validate before opening the database
        const { db } = await openRegister(opts);
        const counts = await importDataset(db, dataset);
        console.log(`Imported ${file}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged.`);
        await db.close();
      } catch (error) {
        if (error instanceof FileError) {
          console.error(error.message);
          process.exit(1);
        }
        fail(error);
      }
    });
}
