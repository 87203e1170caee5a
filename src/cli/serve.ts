import path from 'node:path';
import type { Command } from 'commander';
import { fail, openRegister } from './context.ts';
import { siteUrl } from './user.ts';

export function serveCommand(program: Command) {
  program
    .command('serve')
    .description('Start the web server (applies migrations; loads the first content into an empty register).')
    .option('--port <n>', 'port to listen on (env PORT, default 3000)')
    .option('--host <h>', 'address to listen on (env HOST, default 127.0.0.1)')
    .option('--data <dir>', 'data directory of the embedded database (env SAFEGUARD_DATA_DIR, default ./data); ignored when DATABASE_URL is set')
    .action(async (opts: { port?: string; host?: string; data?: string }) => {
      try {
        const [{ config, db }, { ensureFirstAdminInvitation }, { buildApp }, { seedFirstContent }] = await Promise.all([
          openRegister(opts), import('../platform/auth/invite-member.ts'), import('../platform/http/app.tsx'), import('../register/import-dataset.ts'),
        ]);
        if (config.seedOnFirstStart) {
          const seeded = await seedFirstContent(db);
          if (seeded) console.log(`Loaded the first content: ${seeded.created} records.`);
        }
        const app = await buildApp({ db, config, audits: { dir: path.join(config.dataDir, 'uploads'), uploadLimitBytes: config.uploadLimitBytes } });
        let dueTimer: NodeJS.Timeout | undefined;
        const close = async () => {
          clearInterval(dueTimer);
          await app.close();
          await db.close();
          process.exit(0);
        };
        process.once('SIGINT', close);
        process.once('SIGTERM', close);
        await app.listen({ port: config.port, host: config.host });
        // Assessments falling due by date are logged as they do: now, then every hour.
        const { recordDueAssessments } = await import('../assessments/record-due-assessments.ts');
        const logDue = () => recordDueAssessments(db, new Date()).catch((error: unknown) => app.log.error({ err: error }, 'could not record the assessments due'));
        await logDue();
        dueTimer = setInterval(logDue, 60 * 60 * 1000);
        dueTimer.unref();
        const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
        const address = app.server.address();
        const port = typeof address === 'object' && address ? address.port : config.port;
        console.log(`Safeguard is running on ${db.engine === 'pglite' ? `the embedded database in ${config.dataDir}` : 'PostgreSQL'}.`);
        // While nobody has an account, every start prints a fresh one-time link for the first administrator.
        const firstAdmin = await ensureFirstAdminInvitation(db, new Date());
        if (firstAdmin) {
          console.log(`No account exists yet. Create the first administrator within 24 hours (the link works once):`);
          console.log(`  ${siteUrl({ ...config, port })}/invitations/${firstAdmin.token}`);
        }
        console.log(`Open http://${shownHost}:${port}/`);
      } catch (error) {
        fail(error);
      }
    });
}
