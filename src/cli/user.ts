import type { Command } from 'commander';
import { ROLES } from '../platform/auth/domain/roles.ts';
import { fail, openRegister } from './context.ts';

/** Where an invitation link points: the public URL when configured, else the local server. */
export const siteUrl = (config: { publicUrl: string | undefined; host: string; port: number }) => {
  if (config.publicUrl) return config.publicUrl;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}`;
};

export function userCommand(program: Command) {
  const user = program.command('user').description('Member accounts.');
  user.command('invite')
    .description('Print a one-time invitation link (valid 72 h) to join an organisation with a role.')
    .requiredOption('--org <organisation>', 'member organisation, by name or slug (created when new)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--data <dir>', 'data directory of the embedded database (env SAFEGUARD_DATA_DIR); ignored when DATABASE_URL is set')
    .action(async (opts: { org: string; role: string; data?: string }) => {
      try {
        const [{ config, db }, { inviteMember }] = await Promise.all([openRegister(opts), import('../platform/auth/invite-member.ts')]);
        try {
          const created = await inviteMember(db, { kind: 'system', name: 'cli' }, { organisation: opts.org, role: opts.role }, new Date());
          if (created.organisation.created) console.log(`Created the member organisation "${created.organisation.name}" (${created.organisation.slug}).`);
          console.log(`Invitation for ${created.organisation.name} as ${created.role}, valid until ${created.expiresAt.toISOString()}:`);
          console.log(`${siteUrl(config)}/invitations/${created.token}`);
        } finally {
          await db.close();
        }
      } catch (error) {
        fail(error);
      }
    });
}
