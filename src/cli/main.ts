import { Command } from 'commander';
import { assessmentCommand } from './assessment.ts';
import { auditCommand } from './audit.ts';
import { briefCommand } from './brief.ts';
import { dbCommand } from './db.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { proxiesCommand } from './proxies.ts';
import { screenCommand } from './screen.ts';
import { serveCommand } from './serve.ts';
import { userCommand } from './user.ts';
import { verifyLogCommand } from './verify-log.ts';

// A reader that stops early (`safeguard audit … | head`) closes the pipe: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command('safeguard')
  .description('Safeguard: a public register of digital technologies used on refugees, asylum seekers and migrants.')
  .showHelpAfterError();
serveCommand(program);
dbCommand(program);
importCommand(program);
exportCommand(program);
screenCommand(program);
proxiesCommand(program);
auditCommand(program);
assessmentCommand(program);
briefCommand(program);
userCommand(program);
verifyLogCommand(program);
await program.parseAsync(process.argv);
