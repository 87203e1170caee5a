import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Finding } from '../domain/audit.ts';
import type { AuditReport } from '../domain/report.ts';
import {
  attributeRows, correctionWords, countText, driverWords, formatCount, formatP, formatPercent, formatRatio, formatRatioInterval, groupIndex, groupKey, groupsOf,
  groupWords, isLabelled, parameterRows, METRIC_SHORT, nullReason, num, outcomeMeaning, publicationNote, rateText, ratioText, referenceWords, testText, valueWords,
} from '../domain/report-markdown.ts';
import { FLAGGED, GREY_TEXT, HeatMap, heatCellWords, heatMapData, type HeatMapData, MARK, MUTED, RateChart } from './charts.tsx';

// The audit report as one self-contained HTML page, for readers who are not statisticians: what
// the audit is, the flagged findings as plain sentences first, then a chart per protected
// attribute and a heat map per pair of attributes, each followed by its data table, then the
// worst-off intersections, the groups too small to judge and the parameters. No script, no
// external asset (the style is inline, the charts are inline SVG rendered here), so the file can
// be mailed, archived or published as it is.
//
// Accessibility: every chart is an image (role="img") named by its <title> and described in words
// by its <desc>, and the same numbers follow it as a data table (the accessible and exact version;
// the chart is not hidden, so sighted screen-reader users hear what they see). Each table is
// named by a title kept outside its scrolling box (so it stays readable on a narrow screen), has
// header cells, and scrolls inside a focusable region. Colour is never the only signal. Every
// text colour meets WCAG AA on its background.

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #ffffff; }
main { max-width: 70rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 1rem 0 .75rem; overflow-wrap: anywhere; }
h2 { font-size: 1.375rem; line-height: 1.25; margin: 2.5rem 0 .5rem; padding-top: .5rem; border-top: 2px solid #1a1a1a; }
h3 { font-size: 1.125rem; margin: 1.75rem 0 .5rem; overflow-wrap: anywhere; }
p, li { max-width: 44rem; }
.lede { font-size: 1.0625rem; }
.note { border-left: 4px solid ${FLAGGED}; background: #fbf1ec; padding: .75rem 1rem; max-width: 44rem; }
.summary { font-size: 1.125rem; font-weight: 600; }
.findings li { margin: .5rem 0; }
nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0; list-style: none; }
a { color: ${MARK}; }
:focus-visible { outline: 3px solid ${MARK}; outline-offset: 2px; }
figure { margin: 1rem 0 .75rem; }
svg.chart { display: block; max-width: 100%; height: auto; }
.table-wrap { overflow-x: auto; margin: 0 0 1.5rem; }
table { border-collapse: collapse; font-size: .9375rem; }
p.caption { font-weight: 600; margin: 1rem 0 .5rem; }
th, td { border: 1px solid #a6a6a6; padding: .3rem .55rem; text-align: left; vertical-align: top; }
thead th { background: #eeeeee; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.ci { font-size: .875rem; color: ${MUTED}; }
.flag .ci { color: inherit; }
td ul { margin: 0; padding-left: 1.1rem; }
td.drivers { min-width: 16rem; }
td.flags { min-width: 9rem; }
th.who { white-space: nowrap; }
.flag { color: ${FLAGGED}; font-weight: 600; }
.small, .small th { color: ${GREY_TEXT}; }
.muted { color: ${MUTED}; }
.suppressed { font-style: italic; }
details { margin: .5rem 0; }
summary { cursor: pointer; font-weight: 600; color: ${MARK}; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; max-width: 44rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
footer { margin-top: 3rem; font-size: .875rem; color: ${MUTED}; }
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: .5rem; } h1 { font-size: 1.5rem; } }
@media print { h2 { break-after: avoid; } figure, tr { break-inside: avoid; } }
`;

/** A table cell holding a formatted value; words such as "suppressed" are styled, never a number. */
function Value({ text }: { text: string }) {
  const words = text === 'suppressed' || text === 'not tested' || text === 'n/a' || text === 'undefined';
  if (words) return <td class={`num muted${text === 'suppressed' ? ' suppressed' : ''}`}>{text}</td>;
  // A value with its interval: the interval on a line of its own, so columns stay narrow.
  const at = text.indexOf(' (');
  if (at < 0) return <td class="num">{text}</td>;
  return (
    <td class="num">
      {text.slice(0, at)}
      <br />
      <span class="ci">{text.slice(at + 1)}</span>
    </td>
  );
}

function Table({ id, caption, head, children }: { id: string; caption: string; head: string[]; children: ComponentChildren }) {
  return (
    <>
      <p class="caption" id={`${id}-caption`}>{caption}</p>
      <div class="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabindex={0}>
        <table aria-labelledby={`${id}-caption`}>
          <thead>
            <tr>{head.map((h) => <th scope="col">{h}</th>)}</tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </>
  );
}

function Intro({ report }: { report: AuditReport }) {
  const p = report.parameters;
  const counted = num(report.rows.counted);
  const attributes = report.input.protected;
  const list = attributes.length === 1 ? attributes[0]! : `${attributes.slice(0, -1).join(', ')} and ${attributes.at(-1)}`;
  const harmful = p.positive_outcome !== 'favourable';
  return (
    <>
      <p class="lede">
        {`This report checks whether the decisions recorded in ${report.input.file} treated groups of people differently. `}
        {`For every group defined by ${list} (and by combinations of them), it compares how often people were given the positive outcome — the `}
        <strong>selection rate</strong>
        {` — with the rate of a reference group (${referenceWords(report)}). Here the positive outcome is ${harmful ? 'unfavourable to the person, so a higher rate means a group is worse off' : 'favourable to the person, so a lower rate means a group is worse off'}. `}
        {counted === null ? '' : `${formatCount(counted)} decisions were counted.`}
      </p>
      <p>
        {`A difference is flagged only when it is large (a group's rate is below ${p.ratio_bounds[0]} or above ${p.ratio_bounds[1]} times the reference's), unlikely to be chance (q below ${p.alpha}, after allowing for the ${formatCount(report.family.tests)} comparisons made), and both groups have at least ${formatCount(p.min_n)} people. `}
        {'A flag is a reason to look closer, not proof of discrimination; the absence of a flag is not proof of fairness.'}
        {isLabelled(report)
          ? ' The log also records what turned out to be true (the label), so the report compares error rates too: how often people were wrongly given the positive outcome (the false positive rate, FPR) and how often they were wrongly not given it (the false negative rate, FNR).'
          : ''}
      </p>
    </>
  );
}

function FindingList({ findings }: { findings: Finding[] }) {
  return (
    <ul class="findings">
      {findings.map((f) => <li>{f.sentence}</li>)}
    </ul>
  );
}

function Findings({ report }: { report: AuditReport }) {
  const single = report.findings.filter((f) => Object.keys(f.attributes).length === 1);
  const combined = report.findings.filter((f) => Object.keys(f.attributes).length > 1);
  const n = report.findings.length;
  return (
    <section aria-labelledby="findings">
      <h2 id="findings">What the audit found</h2>
      <p class="summary">{n === 0 ? 'No difference between groups is flagged.' : `${formatCount(n)} difference${n === 1 ? ' is' : 's are'} flagged.`}</p>
      {single.length > 0 && (
        <>
          <h3>Groups defined by one attribute</h3>
          <FindingList findings={single} />
        </>
      )}
      {combined.length > 0 && (
        <>
          <h3>Groups defined by a combination of attributes</h3>
          {combined.length <= 12 ? (
            <FindingList findings={combined} />
          ) : (
            <>
              <FindingList findings={combined.slice(0, 8)} />
              <details>
                <summary>{`Show the other ${formatCount(combined.length - 8)} findings about combinations`}</summary>
                <FindingList findings={combined.slice(8)} />
              </details>
            </>
          )}
        </>
      )}
    </section>
  );
}

function AttributeTable({ report, attribute, id }: { report: AuditReport; attribute: string; id: string }) {
  const labelled = isLabelled(report);
  const head = ['group', 'n', 'selection rate (95% interval)', ...(labelled ? ['FPR (95% interval)', 'FNR (95% interval)'] : []), 'ratio to the reference (95% interval)', 'q', 'flagged'];
  return (
    <Table id={id} caption={`${attribute}: every group's values`} head={head}>
      {attributeRows(report, attribute).map((r) => {
        const g = r.group;
        const d = g.disparity.selection_rate;
        return (
          <tr class={r.tooSmall ? 'small' : undefined}>
            <th scope="row">
              {valueWords(r.value)}
              {r.isReference ? ' (reference)' : ''}
              {r.tooSmall ? ' (too small to judge)' : ''}
            </th>
            <Value text={countText(report, g, g.n)} />
            <Value text={rateText(report, g, g.metrics.selection_rate)} />
            {labelled && <Value text={rateText(report, g, g.metrics.fpr)} />}
            {labelled && <Value text={rateText(report, g, g.metrics.fnr)} />}
            <Value text={ratioText(report, g, d, r.referenceGroup)} />
            <Value text={testText(report, g, d, d?.q, r.referenceGroup)} />
            <td class={r.flagged.length ? 'flag flags' : undefined}>{r.flagged.length ? `yes: ${r.flagged.map((m) => METRIC_SHORT[m]).join(', ')}` : 'no'}</td>
          </tr>
        );
      })}
    </Table>
  );
}

function HeatTable({ data, id }: { data: HeatMapData; id: string }) {
  return (
    <Table id={id} caption={`Selection-rate ratio to the reference: ${data.rowAttribute} (rows) by ${data.columnAttribute} (columns)`} head={[`${data.rowAttribute} \\ ${data.columnAttribute}`, ...data.columns.map(valueWords)]}>
      {data.cells.map((row, i) => (
        <tr>
          <th scope="row">{valueWords(data.rows[i]!)}</th>
          {row.map((c) => {
            const text = heatCellWords(c);
            const at = text.indexOf(' (');
            return (
              <td class={`num${c.state === 'flagged' ? ' flag' : c.state === 'too small' || c.state === 'suppressed' || c.state === 'no one' ? ' muted' : ''}${c.state === 'suppressed' ? ' suppressed' : ''}`}>
                {at < 0 ? text : (
                  <>
                    {text.slice(0, at)}
                    <br />
                    <span class="ci">{text.slice(at + 1)}</span>
                  </>
                )}
              </td>
            );
          })}
        </tr>
      ))}
    </Table>
  );
}

/** Every pair of protected attributes whose intersections the report holds. */
function attributePairs(report: AuditReport): [string, string][] {
  const attributes = report.input.protected;
  const pairs: [string, string][] = [];
  for (let i = 0; i < attributes.length; i++) for (let j = i + 1; j < attributes.length; j++) pairs.push([attributes[i]!, attributes[j]!]);
  return pairs.filter(([a, b]) => groupsOf(report, [a, b]).length > 0);
}

function Pairs({ report }: { report: AuditReport }) {
  const shown = attributePairs(report);
  if (!shown.length) return null;
  return (
    <section aria-labelledby="pairs">
      <h2 id="pairs">Two attributes at once</h2>
      <p>
        {'Each cell is a combination of two attributes. Its number is the ratio of its selection rate to the reference combination\'s: 1.00 is the same rate, 2.00 twice it, 0.50 half of it. '}
        {'Red cells are worse off than the reference, blue cells better off; a thick border marks a flagged difference, and hatched cells are too small to judge or suppressed.'}
      </p>
      {shown.map(([a, b], i) => {
        const data = heatMapData(report, a, b);
        return (
          <>
            <h3>{`${data.rowAttribute} and ${data.columnAttribute}`}</h3>
            <figure>
              <HeatMap report={report} data={data} id={`heat-${i}`} />
            </figure>
            <HeatTable data={data} id={`heat-table-${i}`} />
          </>
        );
      })}
    </section>
  );
}

function WorstOffTable({ report }: { report: AuditReport }) {
  const index = groupIndex(report);
  return (
    <section aria-labelledby="worst-off">
      <h2 id="worst-off">Worst-off intersections</h2>
      {report.worstOff.length === 0 ? (
        <p>No combination of attributes is worse off than its reference.</p>
      ) : (
        <>
          <p>{`Combinations of attributes with at least ${formatCount(report.parameters.min_support)} people, ranked by how far their selection rate is from their reference's, worst first. The last column says what each attribute does on its own: a combination can be worse off than any of its attributes alone.`}</p>
          <Table id="worst-off-table" caption="Intersections ranked from the worst off" head={['rank', 'intersection', 'n', 'selection rate', 'reference group\'s rate', 'ratio (95% interval)', 'q', 'flagged', 'each attribute alone']}>
            {report.worstOff.map((w, i) => {
              const g = index.get(groupKey(w.attributes));
              const ratio = num(w.ratio);
              const q = num(w.q);
              const rate = num(w.selection_rate);
              const refRate = num(w.reference_selection_rate);
              return (
                <tr>
                  <td class="num">{String(i + 1)}</td>
                  <th scope="row" class="who">
                    {Object.entries(w.attributes).map(([k, v], j) => (
                      <>
                        {j > 0 && <br />}
                        {v === null ? `${k} missing` : `${k} = ${v}`}
                      </>
                    ))}
                  </th>
                  <Value text={countText(report, g, w.n)} />
                  <Value text={rate === null ? 'suppressed' : formatPercent(rate)} />
                  <td class="num">
                    {refRate === null ? 'suppressed' : formatPercent(refRate)}
                    <br />
                    <span class="ci">{Object.values(w.reference).map((v) => valueWords(v)).join(', ')}</span>
                  </td>
                  <Value text={ratio === null ? nullReason(report, g, 'ratio') : `${formatRatio(ratio)}${w.ratio_ci ? ` (${formatRatioInterval(w.ratio_ci)})` : ''}`} />
                  <Value text={q === null ? nullReason(report, g, 'test') : formatP(q)} />
                  <td class={w.flagged ? 'flag' : undefined}>{w.flagged ? 'yes' : 'no'}</td>
                  <td class="drivers">
                    <ul>
                      {driverWords(w).map((d) => <li>{d}</li>)}
                      {w.worse_than_parts && <li>worse than each attribute alone</li>}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </Table>
        </>
      )}
    </section>
  );
}

function TooSmall({ report }: { report: AuditReport }) {
  const index = groupIndex(report);
  return (
    <section aria-labelledby="too-small">
      <h2 id="too-small">Groups too small to judge</h2>
      {report.tooSmall.length === 0 ? (
        <p>{`None: every group has at least ${formatCount(report.parameters.min_n)} people.`}</p>
      ) : (
        <>
          <p>{`These groups have fewer than ${formatCount(report.parameters.min_n)} people, too few to tell a real difference from chance, so they are listed here instead of being tested. A combination of reference values that nobody is in (n = 0) leaves its groups with nothing to compare with.`}</p>
          <Table id="too-small-table" caption={`Groups with fewer than ${formatCount(report.parameters.min_n)} people`} head={['group', 'n']}>
            {report.tooSmall.map((t) => (
              <tr>
                <th scope="row">{groupWords(t.attributes)}</th>
                <Value text={countText(report, index.get(groupKey(t.attributes)), t.n)} />
              </tr>
            ))}
          </Table>
        </>
      )}
    </section>
  );
}

function About({ report }: { report: AuditReport }) {
  const p = report.parameters;
  const read = num(report.rows.read);
  const counted = num(report.rows.counted);
  return (
    <section aria-labelledby="about">
      <h2 id="about">About this audit</h2>
      <h3>What was read</h3>
      <dl>
        <dt>File</dt>
        <dd>{`${report.input.file} (${report.input.format.toUpperCase()})`}</dd>
        <dt>Rows read</dt>
        <dd>{read === null ? 'suppressed' : formatCount(read)}</dd>
        <dt>Rows counted</dt>
        <dd>{counted === null ? 'suppressed' : formatCount(counted)}</dd>
        <dt>Rows left out</dt>
        <dd>{report.rows.rejected.length ? report.rows.rejected.map((r) => `${countText(report, undefined, r.count)} (${r.reason.replace(/_/g, ' ')})`).join('; ') : 'none'}</dd>
        <dt>Protected attributes</dt>
        <dd>{report.input.protected.join(', ')}</dd>
        <dt>Outcome</dt>
        <dd>{`${report.input.outcome_rule}; a positive outcome is ${outcomeMeaning(report)}`}</dd>
        <dt>Ground truth label</dt>
        <dd>{report.input.label ?? 'none (error rates cannot be computed)'}</dd>
      </dl>
      <h3>Reference groups</h3>
      <Table id="reference-table" caption={`Reference value of each attribute (${referenceWords(report)})`} head={['attribute', 'reference value']}>
        {report.input.protected.map((a) => (
          <tr>
            <th scope="row">{a}</th>
            <td>{valueWords(report.reference[a] ?? null)}</td>
          </tr>
        ))}
      </Table>
      <h3>Parameters</h3>
      <Table id="parameters-table" caption="Parameters of the audit" head={['parameter', 'value']}>
        {(
          [
            ...parameterRows(report),
            ['report schema', `${report.schema}${report.published ? ' (published)' : ''}`],
          ] as [string, string][]
        ).map(([k, v]) => (
          <tr>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </Table>
      <p>
        {'The 95% intervals are Wilson score intervals for rates and Katz log intervals for ratios. Each comparison is tested with Fisher\'s exact test when a count is small and a chi-square test otherwise; q is the p-value adjusted for the number of comparisons made in the whole report.'}
      </p>
    </section>
  );
}

function ReportPage({ report }: { report: AuditReport }) {
  const note = publicationNote(report);
  const title = `Discrimination audit of ${report.input.file}`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <main>
          <h1>{title}</h1>
          <Intro report={report} />
          {note && (
            <p class="note" role="note">
              <strong>Suppressed values. </strong>
              {note}
            </p>
          )}
          <nav aria-label="Contents">
            <ul>
              <li><a href="#findings">Findings</a></li>
              <li><a href="#by-attribute">By attribute</a></li>
              {attributePairs(report).length > 0 && <li><a href="#pairs">Two attributes at once</a></li>}
              <li><a href="#worst-off">Worst-off intersections</a></li>
              <li><a href="#too-small">Too small to judge</a></li>
              <li><a href="#about">About this audit</a></li>
            </ul>
          </nav>
          <Findings report={report} />
          <section aria-labelledby="by-attribute">
            <h2 id="by-attribute">Selection rates by group</h2>
            <p>
              {'In each chart, a dot is a group\'s selection rate and the line through it is its 95% interval: the range the rate would likely fall in if the decisions were made again. '}
              {'The dashed vertical line is the reference group\'s rate. A diamond marks a flagged difference; groups too small to judge are grey with a hollow dot.'}
            </p>
            {report.input.protected.map((attribute, i) => (
              <>
                <h3>{attribute}</h3>
                <figure>
                  <RateChart report={report} attribute={attribute} id={`rates-${i}`} />
                </figure>
                <AttributeTable report={report} attribute={attribute} id={`rates-table-${i}`} />
              </>
            ))}
          </section>
          <Pairs report={report} />
          <WorstOffTable report={report} />
          <TooSmall report={report} />
          <About report={report} />
          <footer>
            <p>{`Written by safeguard from the audit report (${report.schema}). This page is self-contained: it loads nothing from anywhere else.`}</p>
          </footer>
        </main>
      </body>
    </html>
  );
}

/** The audit report as a self-contained HTML document. */
export function reportHtml(report: AuditReport): string {
  return `<!doctype html>\n${renderToString(<ReportPage report={report} />)}\n`;
}
