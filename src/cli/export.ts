import fs from 'node:fs';
import type { Command } from 'commander';
import { EXPORT_FORMATS, type ExportFormat } from '../register/domain/vocabulary.ts';
import { fail, openRegister } from './context.ts';

export function exportCommand(program: Command) {
  program
    .command('export')
    .description('Export the whole register: csv (a zip of one file per record type), json (the dataset format) or jsonld (DCAT + schema.org).')
    .requiredOption('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`)
    .option('--out <path>', 'file to write (default: standard output; csv needs a file)')
    .option('--base-url <url>', 'public address used in JSON-LD identifiers (env SAFEGUARD_PUBLIC_URL)', process.env.SAFEGUARD_PUBLIC_URL ?? 'http://localhost:3000')
    .option('--data <dir>', 'data directory of the embedded database (env SAFEGUARD_DATA_DIR); ignored when DATABASE_URL is set')
    .action(async (opts: { format: string; out?: string; baseUrl: string; data?: string }) => {
      try {
        if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new Error(`--format must be one of ${EXPORT_FORMATS.join(', ')} (got "${opts.format}")`);
        const format = opts.format as ExportFormat;
        if (format === 'csv' && !opts.out) throw new Error('--format csv writes a zip archive: give --out register-csv.zip');
        const [{ db }, { csvZip, datasetToCsvFiles, jsonLd }, { loadDataset }] = await Promise.all([
          openRegister(opts), import('../register/export-register.ts'), import('../register/store/open-data.ts'),
        ]);
        const dataset = await loadDataset(db);
        const body: string | Uint8Array =
          format === 'csv' ? csvZip(datasetToCsvFiles(dataset))
          : format === 'json' ? `${JSON.stringify(dataset, null, 1)}\n`
          : `${JSON.stringify(await jsonLd(db, opts.baseUrl.replace(/\/$/, ''), dataset), null, 1)}\n`;
        if (opts.out) {
          fs.writeFileSync(opts.out, body);
          console.error(`Wrote ${opts.out}.`);
        } else process.stdout.write(body);
        await db.close();
      } catch (error) {
        fail(error);
      }
    });
}
