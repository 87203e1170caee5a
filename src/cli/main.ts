import { Command } from 'commander';
import { auditCommand } from './audit.ts';
import { dbCommand } from './db.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { proxiesCommand } from './proxies.ts';
import { screenCommand } from './screen.ts';
import { serveCommand } from './serve.ts';
import { userCommand } from './user.ts';
import { verifyLogCommand } from './verify-log.ts';

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
userCommand(program);
verifyLogCommand(program);
await program.parseAsync(process.argv);
