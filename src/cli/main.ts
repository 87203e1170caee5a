import { Command } from 'commander';

// Each sub-command's module, by name. Only the one that runs is loaded (its imports go through the
// TypeScript loader one by one: loading all of them cost the audit about 0.1 s before its scan);
// the general help and unknown names load them all.
type Register = (program: Command) => void;
const COMMANDS: Record<string, () => Promise<Register>> = {
  serve: async () => (await import('./serve.ts')).serveCommand,
  db: async () => (await import('./db.ts')).dbCommand,
  import: async () => (await import('./import.ts')).importCommand,
  export: async () => (await import('./export.ts')).exportCommand,
  screen: async () => (await import('./screen.ts')).screenCommand,
  proxies: async () => (await import('./proxies.ts')).proxiesCommand,
  audit: async () => (await import('./audit.ts')).auditCommand,
  assessment: async () => (await import('./assessment.ts')).assessmentCommand,
  brief: async () => (await import('./brief.ts')).briefCommand,
  user: async () => (await import('./user.ts')).userCommand,
  'verify-log': async () => (await import('./verify-log.ts')).verifyLogCommand,
};

// A reader that stops early (`safeguard audit … | head`) closes the pipe: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command('safeguard')
  .description('Safeguard: a public register of digital technologies used on refugees, asylum seekers and migrants.')
  .showHelpAfterError();
const name = process.argv[2] ?? '';
const names = Object.hasOwn(COMMANDS, name) ? [name] : Object.keys(COMMANDS);
for (const register of await Promise.all(names.map((n) => COMMANDS[n]!()))) register(program);
await program.parseAsync(process.argv);
