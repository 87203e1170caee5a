import fs from 'node:fs';
import type { Command } from 'commander';
import { fail, openRegister } from './context.ts';

const STAKEHOLDERS = ['state', 'company', 'international_organisation', 'service_provider'];
const FORMATS = ['md', 'html', 'docx'];
const LANGS = ['en', 'fr', 'ar'];

export function briefCommand(program: Command) {
  program
    .command('brief <deployment-slug>')
    .description('Write the advocacy brief of a deployment on the register for a stakeholder: its facts with sources, the findings, what is not known, and the briefing\'s recommendations that apply.')
    .requiredOption('--to <stakeholder>', `who the brief is for: ${STAKEHOLDERS.join(', ')}`)
    .option('--addressee <organisation-slug>', 'the organisation of the deployment the brief is addressed to (of the stakeholder\'s kind)')
    .option('--lang <lang>', `language of the brief: ${LANGS.join(', ')}`, 'en')
    .option('--format <format>', `${FORMATS.join(', ')} (docx needs --out)`, 'md')
    .option('--out <file>', 'file to write (default: standard output)')
    .option('--base-url <url>', 'public address of Safeguard for the links (env SAFEGUARD_PUBLIC_URL)', process.env.SAFEGUARD_PUBLIC_URL ?? 'http://localhost:3000')
    .option('--data <dir>', 'data directory of the embedded database (env SAFEGUARD_DATA_DIR); ignored when DATABASE_URL is set')
    .action(async (slug: string, opts: { to: string; addressee?: string; lang: string; format: string; out?: string; baseUrl: string; data?: string }) => {
      try {
        // Checked before the database opens: a typo costs nothing.
        if (!STAKEHOLDERS.includes(opts.to)) throw new Error(`--to must be one of ${STAKEHOLDERS.join(', ')} (got "${opts.to}")`);
        if (!FORMATS.includes(opts.format)) throw new Error(`--format must be one of ${FORMATS.join(', ')} (got "${opts.format}")`);
        if (!LANGS.includes(opts.lang)) throw new Error(`--lang must be one of ${LANGS.join(', ')} (got "${opts.lang}")`);
        if (opts.format === 'docx' && !opts.out) throw new Error('--format docx writes a Word file: give --out brief.docx');
        const [{ db }, { briefOf }, { seedFirstContent }, { translator }, { BriefOptionError }, { CATALOGUE }] = await Promise.all([
          openRegister(opts), import('../briefs/compose-brief.ts'), import('../register/import-dataset.ts'), import('../platform/i18n/i18n.ts'),
          import('../briefs/views/brief-document.ts'), import('../briefs/catalogue.ts'),
        ]);
        try {
          // As `serve` does on the first start: an empty register gets its first content.
          await seedFirstContent(db);
          const [known] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM register.deployments WHERE slug = $1', [slug]);
          if (!known!.n) {
            const slugs = (await db.query<{ slug: string }>('SELECT slug FROM register.deployments ORDER BY slug')).map((r) => r.slug);
            const words = slug.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2);
            const near = slugs.filter((s) => words.some((w) => s.includes(w)));
            throw new Error(`no deployment "${slug}" on the register. ${near.length ? `Did you mean: ${near.slice(0, 10).join(', ')}?` : ''}\nDeployments (${slugs.length}): ${slugs.join(', ')}`);
          }
          const doc = await briefOf(db, slug, { stakeholder: opts.to as 'state', i18n: translator(opts.lang as 'en'), addressee: opts.addressee, baseUrl: opts.baseUrl.replace(/\/$/, '') }, new Date())
            .catch((e: unknown) => { throw e instanceof BriefOptionError ? new Error(`--${e.option}: ${e.message}`) : e; });
          let body: string | Buffer;
          if (opts.format === 'md') body = (await import('../briefs/views/brief-markdown.ts')).renderBriefMarkdown(doc, CATALOGUE.glossary);
          else if (opts.format === 'html') body = (await import('../briefs/http/views/brief-article.tsx')).briefHtmlFile(doc, CATALOGUE.glossary);
          else body = await (await import('../briefs/views/brief-docx.ts')).renderBriefDocx(doc, CATALOGUE.glossary);
          if (opts.out) {
            fs.writeFileSync(opts.out, body);
            console.error(`Wrote ${opts.out}: ${doc.recommendations.length} recommendations, ${doc.findings.length} findings, ${doc.references.length} references.`);
          } else process.stdout.write(body);
        } finally {
          await db.close();
        }
      } catch (error) {
        fail(error);
      }
    });
}
