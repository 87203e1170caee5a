import type { Database, Queryable } from '../src/platform/db/database.ts';
import { refreshDeploymentIndex } from '../src/register/store/write.ts';

// Synthetic register for the benchmark, filled with set-based SQL (INSERT … SELECT FROM
// generate_series) into the real, migrated schema. Random choices come from random() after
// setseed() in one transaction, so both engines get the same data.

export type FillSizes = {
  deployments: number; organisations: number; technologies: number; sources: number; contracts: number;
};
export const DEFAULT_SIZES: FillSizes = { deployments: 100_000, organisations: 2_000, technologies: 5_000, sources: 20_000, contracts: 5_000 };

/** The broad term is put in ~30% of deployments; the selective one in 1 deployment in 2,500 (40 of 100,000). */
export const BROAD_TERM = 'border';
export const SELECTIVE_TERM = 'kestrel';
const BROAD_SHARE = 0.3;
const SELECTIVE_EVERY = 2_500;

/** ~40 codes, most frequent first: the country of a deployment is drawn with a skew towards the front. */
export const COUNTRIES = [
  'GR', 'IT', 'ES', 'DE', 'EU', 'US', 'GB', 'FR', 'HU', 'PL', 'NL', 'BE', 'AT', 'MT', 'CY', 'BG', 'RO', 'HR', 'SI', 'LT',
  'LV', 'EE', 'FI', 'SE', 'DK', 'IE', 'PT', 'CZ', 'SK', 'CH', 'NO', 'TR', 'LY', 'TN', 'MA', 'JO', 'LB', 'KE', 'AU', 'CA',
];

export const TECHNIQUES = [
  'risk scoring and profiling', 'deception or emotion detection', 'facial recognition', 'fingerprint identification',
  'watchlist screening', 'data sharing and matching', 'database', 'DNA profiling', 'aerial and robotic surveillance',
  'cameras and sensors', 'social media monitoring', 'migration forecasting', 'speech and dialect analysis', 'name analysis',
  'mobile device data extraction', 'location tracking', 'fraud detection', 'automated triage', 'iris recognition',
  'age assessment', 'voice recognition', 'gait analysis', 'document verification', 'satellite imagery analysis',
  'predictive policing', 'chatbot interviews', 'electronic monitoring', 'cash and voucher tracking', 'licence plate recognition',
  'network analysis',
];

const DATA_CATEGORIES = [
  'facial images', 'fingerprints', 'iris images', 'palm prints', 'DNA samples', 'voice recordings', 'names', 'date of birth',
  'nationality', 'sex and age', 'country of residence', 'travel documents', 'visa application data', 'travel history',
  'entry and exit records', 'refusals of entry', 'biographic data', 'family relationships', 'education and occupation',
  'health data', 'criminal records', 'immigration history', 'asylum claim details', 'interview answers', 'social media posts',
  'phone contents', 'call logs and contacts', 'geolocation', 'IP addresses', 'financial data', 'benefit records',
  'employment history', 'addresses', 'vehicle data', 'vessel positions', 'thermal imagery', 'radar tracks', 'CCTV video',
  'religion', 'ethnicity',
];

// Plain words for titles, summaries and purposes. None starts with the broad or the selective
// term, so the prefix queries 'border':* and 'kestrel':* only match where those are put on purpose.
const VOCABULARY = `asylum migration identity biometric screening registration reception visa residence permit refugee applicant
interview travel document passport verification matching database record alert risk score profile analysis monitoring
surveillance camera drone sensor satellite maritime coast sea land airport port checkpoint detention centre camp return
removal deportation appeal decision case officer police authority ministry agency contractor pilot trial programme project
funding procurement tender contract vendor software algorithm model machine learning automated triage classification
prediction forecast dialect language speech voice face fingerprint iris palm vein dna age assessment health medical welfare
benefit payment card cash voucher food shelter housing employment labour school child family reunification minor guardian
vulnerable women men nationality origin transit route smuggling trafficking crime security threat terrorism watchlist
interpol europol eurodac schengen entry exit overstay irregular crossing patrol guard frontier fence wall tower thermal radar
vessel boat rescue location tracking phone device extraction social media post account network cloud server storage
retention deletion access sharing exchange interoperability portal app chatbot kiosk tablet scanner gate queue lane lottery
quota resettlement relocation integration test court ruling complaint audit oversight transparency rights privacy data
protection law regulation directive northern southern eastern western central national regional municipal federal joint`
  .split(/\s+/)
  .filter(Boolean);

const ADJECTIVES = `smart secure rapid unified integrated advanced mobile automated intelligent digital remote adaptive predictive
central joint common shared sentinel vigilant clear swift bright`.split(/\s+/).filter(Boolean);
const NOUNS = `gate shield eye lens watch scan trace sight guard beacon atlas compass horizon harbour bridge vault ledger
pulse signal radar`.split(/\s+/).filter(Boolean);
const TECH_SUFFIXES = ['System', 'Platform', 'Suite', 'Programme', 'Database', 'Scanner', 'Gateway', 'Toolkit', 'Network', 'Service'];
const PLACES = `Aldmoor Brenica Caltavar Dornholm Elsport Fenwick Galdor Hestria Ivarn Jorvik Kaldera Lumen Marrow Norveth Ostara
Pellan Quarry Rivenmark Solvang Tarsis Ulmen Valcourt Westmarch Yarrow Zenda`.split(/\s+/).filter(Boolean);
const PUBLIC_BODIES = ['Immigration Service', 'Border Police', 'Interior Ministry', 'Asylum Office', 'Coast Guard', 'Reception Agency', 'Home Office', 'Identity Agency'];
const COMPANIES = ['Systems Ltd', 'Technologies AG', 'Analytics Inc', 'Defence SA', 'Biometrics GmbH', 'Data Solutions BV', 'Labs Oy', 'Security plc'];
const INT_ORGS = ['Migration Organisation', 'Refugee Agency', 'Border Agency', 'Food Programme'];
const FUNDERS = ['Security Fund', 'Research Programme', 'Development Bank', 'Innovation Fund'];
const NGOS = ['Refugee Council', 'Rights Watch', 'Legal Aid Centre', 'University Lab', 'Research Institute'];
const PUBLISHERS = Array.from({ length: 60 }, (_, i) => `${PLACES[i % PLACES.length]} ${['Times', 'Gazette', 'Observatory', 'Review', 'Monitor', 'Parliament', 'Court'][i % 7]}`);
const ROLES = ['operator', 'pilot coordinator', 'procurer', 'data controller', 'end user'];

// "Border Police" and "Border Agency" would put the broad term into every deployment of those
// organisations; the benchmark wants it only where placed on purpose, so those names say "Frontier".
for (const list of [PUBLIC_BODIES, INT_ORGS]) list.forEach((v, i) => (list[i] = v.replace('Border', 'Frontier')));

export type FillTimings = { insertMs: number; indexMs: number; vacuumAnalyzeMs: number; totalMs: number };

/** A random pick of n words of a text[] parameter, as one string: correlated on `n` so it is drawn per row. */
const words = (param: string, n: string) =>
  `(SELECT string_agg((${param})[1 + floor(random() * cardinality(${param}))::int], ' ') FROM generate_series(1, ${n}) k)`;
/** 1–`max` distinct values of a text[] parameter, skewed towards its front (power > 1). */
const pick = (param: string, n: string, power: number) =>
  `ARRAY(SELECT DISTINCT (${param})[1 + floor(cardinality(${param}) * power(random(), ${power}))::int] FROM generate_series(1, ${n}) k)`;

async function insertAll(q: Queryable, s: FillSizes) {
  await q.query('SELECT setseed(0.4242)');
  const vocab = VOCABULARY;

  // Organisations: the first half deploy (public bodies, some international organisations), then
  // companies (vendors), funders, NGOs and research institutions.
  const deployers = Math.floor(s.organisations * 0.5);
  const companies = Math.floor(s.organisations * 0.35);
  const funders = Math.floor(s.organisations * 0.08);
  await q.query(
    `INSERT INTO register.organisations (id, slug, name, kind, country, website, description, content_hash, created_at, updated_at)
     SELECT md5('organisation:' || g)::uuid, lower(regexp_replace(x.name, '[^A-Za-z0-9]+', '-', 'g')) || '-' || g, x.name, x.kind,
       ($3::text[])[1 + floor(40 * power(random(), 2))::int], 'https://org' || g || '.example.org', ${words('$2::text[]', '12 + (g % 10)')},
       md5('o' || g), x.at, x.at
     FROM (SELECT g, now() - random() * interval '3 years' AS at,
             CASE WHEN g <= $4 THEN CASE WHEN g % 10 = 0 THEN 'international_organisation' ELSE 'public_body' END
                  WHEN g <= $4 + $5 THEN 'company' WHEN g <= $4 + $5 + $6 THEN 'funder'
                  WHEN g % 2 = 0 THEN 'ngo' ELSE 'research_institution' END AS kind,
             ($7::text[])[1 + g % cardinality($7::text[])] || ' ' ||
             CASE WHEN g <= $4 THEN CASE WHEN g % 10 = 0 THEN ($10::text[])[1 + g % 4] ELSE ($8::text[])[1 + g % 8] END
                  WHEN g <= $4 + $5 THEN ($9::text[])[1 + g % 8] WHEN g <= $4 + $5 + $6 THEN ($11::text[])[1 + g % 4]
                  ELSE ($12::text[])[1 + g % 5] END AS name
           FROM generate_series(1, $1::int) g) x`,
    [s.organisations, vocab, COUNTRIES, deployers, companies, funders, PLACES, PUBLIC_BODIES, COMPANIES, INT_ORGS, FUNDERS, NGOS],
  );

  await q.query(
    `INSERT INTO register.technologies (id, slug, name, summary, techniques, data_categories, vendor_note, documented_red_lines,
       documented_red_lines_rationale, unverified_claims, content_hash, created_at, updated_at)
     SELECT md5('technology:' || g)::uuid, lower(replace(x.name, ' ', '-')) || '-' || g, x.name,
       initcap(${words('$2::text[]', '14 + (g % 17)')}) || '.',
       ${pick('$3::text[]', '1 + (g % 3)', 1.5)}, ${pick('$4::text[]', '2 + (g % 4)', 1.3)},
       CASE WHEN g % 4 = 0 THEN ${words('$2::text[]', '6 + (g % 5)')} END,
       CASE WHEN g % 5 = 0 THEN ARRAY['A'] WHEN g % 7 = 0 THEN ARRAY['A', 'D'] ELSE '{}' END,
       CASE WHEN g % 5 = 0 OR g % 7 = 0 THEN ${words('$2::text[]', '10 + (g % 6)')} END,
       CASE WHEN g % 9 = 0 THEN ARRAY['techniques'] ELSE '{}' END, md5('t' || g), x.at, x.at
     FROM (SELECT g, now() - random() * interval '3 years' AS at,
             initcap(($5::text[])[1 + floor(random() * cardinality($5::text[]))::int]) || ' ' ||
             initcap(($6::text[])[1 + floor(random() * cardinality($6::text[]))::int]) || ' ' ||
             ($7::text[])[1 + floor(random() * cardinality($7::text[]))::int] AS name
           FROM generate_series(1, $1::int) g) x`,
    [s.technologies, vocab, TECHNIQUES, DATA_CATEGORIES, ADJECTIVES, NOUNS, TECH_SUFFIXES],
  );

  // Deployments: technology and deployer drawn with a skew (a few have hundreds of deployments),
  // 1–3 countries, weighted statuses and roles; the broad term in ~30% and the selective one in 40.
  await q.query(
    `INSERT INTO register.deployments (id, slug, title, technology_id, deployer_id, deployer_role, countries, sites, purpose, legal_basis,
       decision_role, affected_groups, period_start, period_end, period_text, status, status_note, unverified_claims, content_hash,
       created_at, updated_at)
     SELECT md5('deployment:' || x.g)::uuid, t.slug || '-' || o.slug || '-' || x.g, t.name || ' — ' || o.name, t.id, o.id,
       CASE WHEN x.g % 3 = 0 THEN ($6::text[])[1 + x.g % cardinality($6::text[])] END,
       ${pick('$3::text[]', 'x.nc', 1.8)},
       CASE WHEN x.g % 4 = 0 THEN ARRAY[($7::text[])[1 + x.g % cardinality($7::text[])] || ' ' || 'camp'] ELSE '{}' END,
       CASE WHEN x.r_broad < $4 THEN 'Border ' ELSE '' END || CASE WHEN x.g % $5 = 7 THEN 'kestrel ' ELSE '' END ||
         ${words('$2::text[]', '8 + (x.g % 7)')},
       CASE WHEN x.g % 2 = 0 THEN ${words('$2::text[]', '5 + (x.g % 4)')} END,
       CASE WHEN x.r_role < 0.45 THEN 'decision_support' WHEN x.r_role < 0.55 THEN 'fully_automated' WHEN x.r_role < 0.70 THEN 'none' ELSE 'unknown' END,
       CASE WHEN x.g % 3 = 0 THEN ARRAY['asylum seekers'] WHEN x.g % 3 = 1 THEN ARRAY['refugees', 'migrants'] ELSE '{}' END,
       x.start, CASE WHEN x.g % 4 = 0 THEN x.start + (x.g % 900) END,
       CASE WHEN x.g % 5 = 0 THEN 'since ' || extract(year FROM x.start) END,
       CASE WHEN x.r_status < 0.40 THEN 'active' WHEN x.r_status < 0.55 THEN 'pilot' WHEN x.r_status < 0.65 THEN 'planned'
            WHEN x.r_status < 0.73 THEN 'suspended' WHEN x.r_status < 0.80 THEN 'halted' WHEN x.r_status < 0.87 THEN 'withdrawn'
            WHEN x.r_status < 0.90 THEN 'court_ruling' ELSE 'unknown' END,
       CASE WHEN x.g % 6 = 0 THEN ${words('$2::text[]', '6 + (x.g % 9)')} END,
       CASE WHEN x.g % 7 = 0 THEN ARRAY['status'] ELSE '{}' END, md5('d' || x.g), x.at, x.at
     FROM (SELECT g, random() AS r_broad, random() AS r_status, random() AS r_role,
             1 + floor($8 * power(random(), 1.5))::int AS tn, 1 + floor($9 * power(random(), 1.3))::int AS onr,
             CASE WHEN random() < 0.10 THEN 3 WHEN random() < 0.35 THEN 2 ELSE 1 END AS nc,
             date '2012-01-01' + floor(random() * 4500)::int AS start, now() - random() * interval '3 years' AS at
           FROM generate_series(1, $1::int) g) x
     JOIN register.technologies t ON t.id = md5('technology:' || x.tn)::uuid
     JOIN register.organisations o ON o.id = md5('organisation:' || x.onr)::uuid`,
    [s.deployments, vocab, COUNTRIES, BROAD_SHARE, SELECTIVE_EVERY, ROLES, PLACES, s.technologies, deployers],
  );

  // Relations: every technology is developed by a company, half are also sold by another and
  // 30% funded; 10% of deployments are operated by a company, 5% funded.
  const company = (expr: string) => `md5('organisation:' || (${deployers} + 1 + (${expr}) % ${companies}))::uuid`;
  const funder = (expr: string) => `md5('organisation:' || (${deployers + companies} + 1 + (${expr}) % ${funders}))::uuid`;
  await q.query(
    `INSERT INTO register.relations (id, organisation_id, kind, technology_id, deployment_id, note, unverified_claims, content_hash)
     SELECT md5('relation:' || x.kind || ':' || x.n)::uuid, x.org, x.kind, x.tech, x.dep,
       CASE WHEN x.n % 5 = 0 THEN ${words('$2::text[]', '4 + (x.n % 6)')} END, CASE WHEN x.n % 11 = 0 THEN ARRAY['kind'] ELSE '{}' END,
       md5('r' || x.kind || x.n)
     FROM (
       SELECT g AS n, 'develops' AS kind, ${company('g * 7')} AS org, md5('technology:' || g)::uuid AS tech, NULL::uuid AS dep FROM generate_series(1, $1::int) g
       UNION ALL SELECT g, 'sells', ${company('g * 13 + 101')}, md5('technology:' || g)::uuid, NULL FROM generate_series(1, $1::int) g WHERE g % 2 = 0
       UNION ALL SELECT g, 'funds', ${funder('g * 3')}, md5('technology:' || g)::uuid, NULL FROM generate_series(1, $1::int) g WHERE g % 10 < 3
       UNION ALL SELECT g, 'operates', ${company('g * 17 + 7')}, NULL, md5('deployment:' || g)::uuid FROM generate_series(1, $3::int) g WHERE g % 10 = 0
       UNION ALL SELECT g, 'receives_data', ${funder('g * 5 + 1')}, NULL, md5('deployment:' || g)::uuid FROM generate_series(1, $3::int) g WHERE g % 20 = 3
     ) x`,
    [s.technologies, vocab, s.deployments],
  );

  await q.query(
    `INSERT INTO register.contracts (id, slug, title, payer_id, recipient_id, technology_id, deployment_id, amount, currency, programme,
       start_date, end_date, reference, content_hash)
     SELECT md5('contract:' || g)::uuid, 'contract-' || g, initcap(${words('$2::text[]', '3 + (g % 4)')}) || ' contract',
       d.deployer_id, ${company('g * 11')}, d.technology_id, CASE WHEN g % 2 = 0 THEN d.id END,
       round((random() * 5000000)::numeric, 2), 'EUR', CASE WHEN g % 3 = 0 THEN 'Internal Security Fund' END,
       date '2015-01-01' + (g % 3000), date '2015-01-01' + (g % 3000) + 730, 'REF-' || g, md5('c' || g)
     FROM generate_series(1, $1::int) g JOIN register.deployments d ON d.id = md5('deployment:' || (1 + (g * 19) % $3))::uuid`,
    [s.contracts, vocab, s.deployments],
  );

  await q.query(
    `INSERT INTO register.sources (id, slug, url, title, publisher, published_on, archived_url, content_hash)
     SELECT md5('source:' || g)::uuid, 'source-' || g, 'https://news' || (g % 60) || '.example.org/articles/' || g,
       initcap(${words('$2::text[]', '5 + (g % 8)')}), ($3::text[])[1 + g % 60], date '2012-01-01' + (g % 4500),
       CASE WHEN g % 3 = 0 THEN 'https://web.archive.example/' || g END, md5('s' || g)
     FROM generate_series(1, $1::int) g`,
    [s.sources, vocab, PUBLISHERS],
  );

  // Citations: deployments 1–3 sources (10% of them for the status claim), technologies 2,
  // organisations 1, relations and contracts 1 each.
  const src = (expr: string) => `md5('source:' || (1 + (${expr}) % ${s.sources}))::uuid`;
  await q.query(
    `INSERT INTO register.citations (source_id, record_type, record_id, claim)
     SELECT ${src('g::bigint * 7919 + k * 4729')}, 'deployment', md5('deployment:' || g)::uuid, CASE WHEN (g + k) % 10 = 0 THEN 'status' ELSE '' END
       FROM generate_series(1, $1::int) g, generate_series(0, g % 3) k
     UNION ALL SELECT ${src('g::bigint * 104729 + k * 31')}, 'technology', md5('technology:' || g)::uuid, '' FROM generate_series(1, $2::int) g, generate_series(0, 1) k
     UNION ALL SELECT ${src('g::bigint * 15485863')}, 'organisation', md5('organisation:' || g)::uuid, '' FROM generate_series(1, $3::int) g
     UNION ALL SELECT ${src('abs(hashtext(r.id::text)::bigint)')}, 'relation', r.id, '' FROM register.relations r
     UNION ALL SELECT ${src('g::bigint * 611953')}, 'contract', md5('contract:' || g)::uuid, '' FROM generate_series(1, $4::int) g`,
    [s.deployments, s.technologies, s.organisations, s.contracts],
  );

  // The public change log, as an import would have written it.
  await q.query(
    `INSERT INTO register.changes (occurred_at, record_type, record_id, slug, title, action)
     SELECT created_at, 'organisation', id, slug, name, 'created' FROM register.organisations
     UNION ALL SELECT created_at, 'technology', id, slug, name, 'created' FROM register.technologies
     UNION ALL SELECT created_at, 'deployment', id, slug, title, 'created' FROM register.deployments`,
  );
}

/** Fills a freshly migrated database, refreshes the search index, then VACUUM ANALYZE. */
export async function fillRegister(db: Database, sizes: FillSizes = DEFAULT_SIZES): Promise<FillTimings> {
  const t0 = performance.now();
  await db.transaction((tx) => insertAll(tx, sizes));
  const t1 = performance.now();
  await refreshDeploymentIndex(db);
  const t2 = performance.now();
  // The index refresh rewrites every deployment row: VACUUM clears the dead versions and the GIN
  // pending lists, as autovacuum would soon do on a server (PGlite has no autovacuum), then ANALYZE.
  await db.exec('VACUUM (ANALYZE)');
  const t3 = performance.now();
  return { insertMs: t1 - t0, indexMs: t2 - t1, vacuumAnalyzeMs: t3 - t2, totalMs: t3 - t0 };
}
