// One-off conversion of ../shared/data/documented-systems.json into the register's own dataset
// format (src/register/data/register-dataset.json). The app never reads ../shared at run time.
//   npm run dataset:convert -- [path/to/documented-systems.json]
import fs from 'node:fs';
import path from 'node:path';
import { slugify } from '../src/platform/slug.ts';
import { DOCUMENTED_PROFILES } from './documented-profiles.ts';
import { validateDataset, type Dataset, type DatasetDeployment, type DatasetOrganisation, type DatasetRelation } from '../src/register/domain/dataset.ts';
import type { DeploymentStatus, OrganisationKind } from '../src/register/domain/vocabulary.ts';

type Documented = {
  id: string; name: string; deployers: string[]; vendors: string[]; funders: string[]; countries: string[];
  years: string; summary: string; data_categories: string[]; red_line_categories: string[]; rationale: string;
  status: string; sources: string[];
};

const input = process.argv[2] ?? path.resolve('../shared/data/documented-systems.json');
const output = path.resolve('src/register/data/register-dataset.json');
const systems = JSON.parse(fs.readFileSync(input, 'utf8')) as Documented[];

const UNVERIFIED = /unverified|not re-verified/i;

// Techniques are derived from each system's documented summary and data categories by these
// keyword rules, so the facet is reproducible and reviewable.
const TECHNIQUES: [RegExp, string][] = [
  [/risk (value|score|indicator|assessment|classification|model)|risk-scor|scor(e|ing) |profil/i, 'risk scoring and profiling'],
  [/fraud|sham/i, 'fraud detection'],
  [/triage/i, 'automated triage'],
  [/lie|decepti|micro-(gesture|expression)|emotion/i, 'deception or emotion detection'],
  [/facial (image|recognition|video)|face/i, 'facial recognition'],
  [/fingerprint|dactylo/i, 'fingerprint identification'],
  [/iris/i, 'iris recognition'],
  [/dialect|speech|voice|language (analysis|recognition)/i, 'speech and dialect analysis'],
  [/name (analysis|transliteration)|transliterat/i, 'name analysis'],
  [/phone|mobile device|smartphone|device (data|search)|devices/i, 'mobile device data extraction'],
  [/social[- ]media/i, 'social media monitoring'],
  [/drone|aircraft|aerostat|unmanned|robot|satellite/i, 'aerial and robotic surveillance'],
  [/camera|thermal|radar|sensor|video surveillance/i, 'cameras and sensors'],
  [/forecast|predict/i, 'migration forecasting'],
  [/gps|tagging|location|telemetry|geolocation/i, 'location tracking'],
  [/\bdna\b/i, 'DNA profiling'],
  [/watchlist/i, 'watchlist screening'],
  [/data[- ]sharing|shar(e|ed|ing) (data|with)|interoperab|cross-check|matched against|access for police/i, 'data sharing and matching'],
  [/database|register of|records/i, 'database'],
];

const STATUS: [RegExp, DeploymentStatus][] = [
  [/^court ruling|restricted by court ruling/i, 'court_ruling'],
  [/^withdrawn/i, 'withdrawn'],
  [/^asylum scheduling terminated|^pilot ended|past practice/i, 'halted'],
  [/^pilot/i, 'pilot'],
  [/^legislated/i, 'planned'],
  [/active/i, 'active'],
];

const organisations = new Map<string, DatasetOrganisation>();
const dataset: Dataset = {
  format: 'safeguard-register',
  version: 1,
  description:
    'First content of the Safeguard register: publicly documented systems, converted from the project briefing data. Techniques are derived from each documented summary by keyword; claims the research could not verify are marked unverified.',
  sources: [], organisations: [], technologies: [], deployments: [], relations: [], contracts: [],
};
const sourceSlugs = new Map<string, string>();

function source(url: string): string {
  const known = sourceSlugs.get(url);
  if (known) return known;
  const u = new URL(url);
  let slug = slugify(`${u.hostname.replace(/^www\./, '')} ${u.pathname} ${u.search}`, 70);
  while ([...sourceSlugs.values()].includes(slug)) slug = `${slug}-2`;
  sourceSlugs.set(url, slug);
  dataset.sources.push({ slug, url, publisher: u.hostname.replace(/^www\./, '') });
  return slug;
}

/** "Name (note)" → name and note; a short all-capitals parenthesis is an acronym and stays in the name. */
function splitName(raw: string): { name: string; note?: string } {
  const m = raw.match(/^([^()]+?)\s*\(([^()]*)\)\s*(.*)$/);
  if (!m) return { name: raw.trim() };
  const [, before, inside, after] = m as unknown as [string, string, string, string];
  if (/^[A-Z]{2,6}$/.test(inside)) return { name: `${before} (${inside})`, ...(after ? { note: after.replace(/^[;,]\s*/, '') } : {}) };
  const note = [inside, after.replace(/^[;,]\s*/, '')].filter(Boolean).join('; ');
  return { name: before.trim(), ...(note ? { note } : {}) };
}

const FUNDERS: [RegExp, string, string][] = [
  [/^EU Horizon 2020/, 'European Union', 'Horizon 2020'],
  [/^EU Internal Security Fund/, 'European Union', 'Internal Security Fund'],
  [/^EU (budget|funding)/, 'European Union', 'EU budget'],
  [/^German federal budget/, 'Government of Germany', 'Federal budget'],
  [/^US federal budget/, 'United States federal government', 'Federal budget'],
  [/^Australian government/, 'Australian Government', 'Detention services contract'],
];

function kindOf(name: string, role: 'deployer' | 'vendor' | 'funder'): OrganisationKind {
  if (/UNHCR|Interpol|International Organization for Migration/i.test(name)) return 'international_organisation';
  if (/Universit|Institute|CERTH|CNIT|Consortium|FIZ /i.test(name)) return 'research_institution';
  if (role === 'funder') return 'funder';
  if (role === 'vendor') return 'company';
  return 'public_body';
}

function organisation(name: string, role: 'deployer' | 'vendor' | 'funder', country?: string): string {
  const key = name.replace(/\s*\([A-Z]{2,6}\)/g, '').toLowerCase().replace(/\s+/g, ' ');
  const existing = organisations.get(key);
  if (existing) return existing.slug;
  const org: DatasetOrganisation = { slug: slugify(name, 70), name, kind: kindOf(name, role), sources: [], unverified: [] };
  if (country && country !== 'EU' && role === 'deployer') org.country = country;
  organisations.set(key, org);
  return org.slug;
}

for (const s of systems) {
  const cites = s.sources.map((url) => ({ source: source(url), claims: [] as string[] }));
  const text = [s.name, s.summary, ...s.data_categories].join(' ');
  const techniques = TECHNIQUES.filter(([re]) => re.test(text)).map(([, t]) => t);
  const realVendors = s.vendors.filter((v) => !/^unverified$|^unnamed/i.test(v.trim()));
  const unknownVendors = s.vendors.filter((v) => !realVendors.includes(v));
  dataset.technologies.push({
    slug: s.id,
    name: s.name,
    summary: s.summary,
    techniques,
    dataCategories: s.data_categories,
    ...(unknownVendors.length ? { vendorNote: unknownVendors.join('; ') } : {}),
    documentedRedLines: s.red_line_categories as Dataset['technologies'][number]['documentedRedLines'],
    documentedRedLinesRationale: s.rationale,
    sources: cites,
    unverified: unknownVendors.some((v) => UNVERIFIED.test(v)) ? ['vendors'] : [],
  });
  const shortName = s.name.replace(/\s*\(.*$/, '').replace(/,.*$/, '');
  const status = STATUS.find(([re]) => re.test(s.status))?.[1] ?? 'unknown';
  const country = s.countries.length === 1 ? s.countries[0] : undefined;
  const deploymentSlugs: string[] = [];
  for (const raw of s.deployers) {
    const { name, note } = splitName(raw);
    const deployer = organisation(name, 'deployer', country);
    const unverified = [
      ...(UNVERIFIED.test(raw) ? ['deployer'] : []),
      ...(UNVERIFIED.test(s.status) ? ['status'] : []),
      ...(UNVERIFIED.test(s.years) ? ['period'] : []),
    ];
    const dep: DatasetDeployment = {
      slug: slugify(`${s.id} ${name}`, 90),
      technology: s.id,
      deployer,
      ...(note ? { deployerRole: note } : {}),
      title: `${shortName} — ${name}`,
      countries: s.countries,
      sites: [],
      decisionRole: DOCUMENTED_PROFILES[s.id]?.decisionRole ?? 'unknown',
      affectedGroups: [],
      periodText: s.years,
      status,
      statusNote: s.status,
      ...(DOCUMENTED_PROFILES[s.id] ? { profile: DOCUMENTED_PROFILES[s.id]!.profile } : {}),
      sources: cites,
      unverified,
    };
    dataset.deployments.push(dep);
    deploymentSlugs.push(dep.slug);
    dataset.relations.push({
      organisation: deployer, kind: 'operates', deployment: dep.slug, ...(note ? { note } : {}),
      sources: cites, unverified: UNVERIFIED.test(raw) ? ['organisation'] : [],
    });
  }
  for (const raw of realVendors) {
    const { name, note } = splitName(raw);
    const rel: DatasetRelation = {
      organisation: organisation(name, 'vendor'), kind: 'develops', technology: s.id, ...(note ? { note } : {}),
      sources: cites, unverified: UNVERIFIED.test(raw) ? ['organisation'] : [],
    };
    dataset.relations.push(rel);
  }
  for (const raw of s.funders) {
    const known = FUNDERS.find(([re]) => re.test(raw));
    const { name, note } = splitName(raw);
    const funder = organisation(known ? known[1] : name, 'funder');
    const programme = known?.[2];
    const relNote = [programme, note].filter(Boolean).join(': ') || undefined;
    dataset.relations.push({
      organisation: funder, kind: 'funds', technology: s.id, ...(relNote ? { note: relNote } : {}),
      sources: cites, unverified: UNVERIFIED.test(raw) ? ['organisation'] : [],
    });
    const amount = raw.match(/(EUR|USD|GBP)\s*([\d.]+)\s*m\b/);
    if (amount) {
      const [, currency, millions] = amount as unknown as [string, string, string];
      const grant = raw.match(/grant(?: agreement)? (\d+)/)?.[1];
      dataset.contracts.push({
        slug: slugify(`${s.id} ${programme ?? name} funding`, 90),
        title: `${programme ?? name} funding for ${shortName}${/approx/i.test(raw) ? ' (approximate amount)' : ''}`,
        payer: funder,
        technology: s.id,
        amount: (Number(millions) * 1_000_000).toFixed(0),
        currency,
        ...(programme ? { programme } : {}),
        ...(grant ? { reference: `Grant agreement ${grant}` } : {}),
        sources: cites.map((c) => ({ ...c, claims: ['amount'] })),
        unverified: [],
      });
    }
  }
}
dataset.organisations = [...organisations.values()].sort((a, b) => a.slug.localeCompare(b.slug));

const checked = validateDataset(dataset);
if (!checked.ok) {
  console.error('The converted dataset is invalid:');
  for (const p of checked.problems) console.error(`  ${p.path}: ${p.message}`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, `${JSON.stringify(dataset, null, 1)}\n`);
console.log(
  `Wrote ${path.relative(process.cwd(), output)}: ${dataset.technologies.length} technologies, ${dataset.deployments.length} deployments, ` +
    `${dataset.organisations.length} organisations, ${dataset.relations.length} relations, ${dataset.contracts.length} contracts, ${dataset.sources.length} sources.`,
);
