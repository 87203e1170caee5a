import type { AuditGroup } from '../domain/audit.ts';
import type { AuditReport } from '../domain/report.ts';
import {
  type AttributeRow, attributeRows, formatCount, formatPercent, formatRatio, groupIndex, groupKey, groupsOf, groupWords, isReferenceGroup, isSuppressed,
  isTooSmall, num, valueWords,
} from '../domain/report-markdown.ts';

// The audit report's charts, as SVG written by hand and rendered on the server (no chart library,
// no script). Each chart is an image with a title and a description that says in words what it
// shows (role="img", aria-labelledby its <title> and <desc>); the page puts the same numbers in a
// data table right after it. Colour is never the only signal: marks differ in shape, and every
// state (flagged, reference, too small, suppressed) is also written as text. Charts have a
// natural size in px and a viewBox, so they scale down to a narrow screen.

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const INK = '#1a1a1a';
export const MUTED = '#4d4d4d';
/** Groups too small to judge: text at 7:1 on white, marks at 4.5:1. */
export const GREY_TEXT = '#595959';
export const GREY_MARK = '#767676';
export const MARK = '#1f4e79';
export const FLAGGED = '#9c2a00';
const GRID = '#d9d9d9';

// ---------------------------------------------------------------------------------------------
// Colour

const hex = (c: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number];
const toHex = (rgb: number[]): string => `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(colour: string): number {
  const [r, g, b] = hex(colour).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/** Whichever of black and white reads better on a background: at least 4.58:1 on any colour. */
export const textOn = (background: string): string => (contrast('#000000', background) >= contrast('#ffffff', background) ? '#000000' : '#ffffff');

/** The diverging scale (ColorBrewer RdBu, colour-blind safe): blue = better off than the reference, white = equal, red = worse off. */
const DIVERGING = ['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b'];

/**
 * The colour of a ratio, centred on 1 on a log scale (½ and 2 are the ends): red when the group is
 * worse off than its reference (a higher rate when the positive outcome is unfavourable, a lower
 * one when it is favourable), blue when better off.
 */
export function ratioColour(ratio: number, harmful: boolean): string {
  const t = Math.max(-1, Math.min(1, Math.log2(ratio))) * (harmful ? 1 : -1);
  const x = ((t + 1) / 2) * (DIVERGING.length - 1);
  const i = Math.min(DIVERGING.length - 2, Math.floor(x));
  const f = x - i;
  const a = hex(DIVERGING[i]!);
  const b = hex(DIVERGING[i + 1]!);
  return toHex(a.map((v, k) => v + (b[k]! - v) * f));
}

// ---------------------------------------------------------------------------------------------
// Helpers

const truncate = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
/** Rough width of text in px (for layout only). */
const textWidth = (s: string, size: number): number => s.length * size * 0.58;
const fmt = (x: number): string => String(Math.round(x * 10) / 10);

function niceMax(x: number): number {
  return [0.05, 0.1, 0.2, 0.25, 0.4, 0.5, 0.6, 0.8, 1].find((s) => s >= x - 1e-9) ?? 1;
}
function tickStep(max: number): number {
  return max <= 0.1 ? 0.02 : max <= 0.25 ? 0.05 : max <= 0.5 ? 0.1 : 0.2;
}

// ---------------------------------------------------------------------------------------------
// Selection rate per attribute: a dot per group with its 95% interval, against the reference.

type RateRow = AttributeRow & { rate: number | null; low: number | null; high: number | null; ratio: number | null };

function rateRows(report: AuditReport, attribute: string): RateRow[] {
  return attributeRows(report, attribute).map((r) => {
    const m = r.group.metrics.selection_rate;
    const ci = m?.ci;
    return { ...r, rate: num(m?.value), low: num(ci?.[0]), high: num(ci?.[1]), ratio: num(r.group.disparity.selection_rate?.ratio) };
  });
}

const rowState = (report: AuditReport, r: RateRow): string =>
  r.suppressed && r.rate === null
    ? 'suppressed'
    : r.isReference
      ? 'reference'
      : r.tooSmall
        ? `too small to judge (n < ${report.parameters.min_n})`
        : r.flagged.includes('selection_rate')
          ? 'flagged'
          : '';

/** The rate chart in words, for its <desc>. */
export function rateChartSummary(report: AuditReport, attribute: string): string {
  const rows = rateRows(report, attribute);
  const ref = rows.find((r) => r.isReference);
  const parts = [
    `Selection rate of each ${attribute} group, as a dot with its 95% interval as a line, against the rate of the reference group` +
      (ref ? ` (${valueWords(ref.value)}, ${ref.rate === null ? 'suppressed' : formatPercent(ref.rate)}), drawn as a dashed vertical line.` : '.'),
  ];
  const described = rows.filter((r) => !r.isReference);
  const say = (r: RateRow): string => {
    if (r.rate === null) return `${valueWords(r.value)}: ${r.suppressed ? 'suppressed' : 'no rate'}`;
    const state = rowState(report, r);
    return `${valueWords(r.value)}: ${formatPercent(r.rate)}${r.ratio === null ? '' : `, ${formatRatio(r.ratio)} times the reference`}${state ? `, ${state}` : ''}`;
  };
  if (described.length <= 8) parts.push(`${described.map(say).join('; ')}.`);
  else {
    const withRate = described.filter((r) => r.rate !== null).sort((a, b) => b.rate! - a.rate!);
    if (withRate.length) parts.push(`Highest: ${say(withRate[0]!)}. Lowest: ${say(withRate.at(-1)!)}.`);
  }
  const flagged = rows.filter((r) => r.flagged.includes('selection_rate')).length;
  const small = rows.filter((r) => r.tooSmall).length;
  const suppressed = rows.filter((r) => r.suppressed && r.rate === null).length;
  parts.push(
    `${flagged} of ${rows.length} groups flagged` + (small ? `, ${small} too small to judge` : '') + (suppressed ? `, ${suppressed} suppressed` : '') + '. The table after the chart gives every value.',
  );
  return parts.join(' ');
}

/** Natural size over viewBox units: charts draw at 1.2× on a wide screen and shrink to fit a narrow one. */
const SCALE = 1.2;
const W = 440;
const X0 = 14;
const X1 = W - 14;
const ROW = 50;

/** A group's mark: a circle, a diamond when flagged, a hollow circle when too small to judge. */
function Mark({ x, y, kind }: { x: number; y: number; kind: 'normal' | 'flagged' | 'small' | 'reference' }) {
  if (kind === 'flagged') return <path d={`M${fmt(x)} ${y - 7}l7 7l-7 7l-7 -7z`} fill={FLAGGED} stroke="#ffffff" stroke-width="1" />;
  if (kind === 'small') return <circle cx={fmt(x)} cy={y} r="5" fill="#ffffff" stroke={GREY_MARK} stroke-width="2" />;
  if (kind === 'reference') return <rect x={fmt(x - 5)} y={y - 5} width="10" height="10" fill={INK} />;
  return <circle cx={fmt(x)} cy={y} r="5.5" fill={MARK} />;
}

export function RateChart({ report, attribute, id }: { report: AuditReport; attribute: string; id: string }) {
  const rows = rateRows(report, attribute);
  const ref = rows.find((r) => r.isReference);
  const refRate = ref?.rate ?? null;
  // The axis fits every judged group's interval; a too-small group's wide interval is cut at the edge (an arrow says so).
  const top = Math.max(refRate ?? 0, ...rows.map((r) => (r.tooSmall ? (r.rate ?? 0) : (r.high ?? r.rate ?? 0))));
  const xmax = niceMax(top);
  const step = tickStep(xmax);
  const x = (v: number): number => X0 + (v / xmax) * (X1 - X0);
  const legendH = 58;
  const rowsTop = legendH + 26;
  const rowsBottom = rowsTop + rows.length * ROW;
  const H = rowsBottom + 42;
  const ticks: number[] = [];
  for (let t = 0; t <= xmax + 1e-9; t += step) ticks.push(Math.round(t * 1000) / 1000);
  const refLabel = ref ? `Reference ${truncate(valueWords(ref.value), 16)}: ${refRate === null ? 'suppressed' : formatPercent(refRate)}` : '';
  const refX = refRate === null ? null : x(refRate);
  const refLabelX = refX === null ? X0 : Math.max(X0 + textWidth(refLabel, 13) / 2, Math.min(X1 - textWidth(refLabel, 13) / 2, refX));
  return (
    <svg class="chart" role="img" aria-labelledby={`${id}-title ${id}-desc`} width={Math.round(W * SCALE)} height={Math.round(H * SCALE)} viewBox={`0 0 ${W} ${H}`} font-family={FONT} font-size="14">
      <title id={`${id}-title`}>{`Selection rate by ${attribute}, with 95% intervals`}</title>
      <desc id={`${id}-desc`}>{rateChartSummary(report, attribute)}</desc>
      {/* Key */}
      <g fill={MUTED} font-size="13">
        <Mark x={X0 + 6} y={14} kind="normal" />
        <text x={X0 + 18} y={19}>rate</text>
        <line x1={X0 + 62} x2={X0 + 92} y1={14} y2={14} stroke={MARK} stroke-width="2" />
        <text x={X0 + 98} y={19}>95% interval</text>
        <Mark x={X0 + 200} y={14} kind="flagged" />
        <text x={X0 + 212} y={19}>flagged</text>
        <Mark x={X0 + 284} y={14} kind="small" />
        <text x={X0 + 296} y={19}>too small</text>
        <line x1={X0 + 1} x2={X0 + 1} y1={30} y2={50} stroke={INK} stroke-width="1.5" stroke-dasharray="4 3" />
        <text x={X0 + 12} y={45}>reference rate; 1.50× = 1.5 times the reference's rate</text>
      </g>
      {/* Grid and axis */}
      <g font-size="12" fill={MUTED}>
        {ticks.map((t) => (
          <g>
            {rows.map((_, i) => (
              <line x1={fmt(x(t))} x2={fmt(x(t))} y1={rowsTop + i * ROW + 22} y2={rowsTop + i * ROW + ROW - 2} stroke={GRID} stroke-width="1" />
            ))}
            <line x1={fmt(x(t))} x2={fmt(x(t))} y1={rowsBottom} y2={rowsBottom + 5} stroke={MUTED} stroke-width="1" />
            <text x={fmt(x(t))} y={rowsBottom + 19} text-anchor={t === 0 ? 'start' : Math.abs(t - xmax) < 1e-9 ? 'end' : 'middle'}>{`${Math.round(t * 100)}%`}</text>
          </g>
        ))}
        <text x={W / 2} y={rowsBottom + 36} text-anchor="middle" font-size="12">selection rate: the share of the group with a positive outcome</text>
      </g>
      {/* Reference line */}
      {refX !== null && (
        <g>
          <line x1={fmt(refX)} x2={fmt(refX)} y1={rowsTop - 6} y2={rowsBottom} stroke={INK} stroke-width="1.5" stroke-dasharray="4 3" />
          <text x={fmt(refLabelX)} y={rowsTop - 10} text-anchor="middle" font-size="13" fill={INK}>{refLabel}</text>
        </g>
      )}
      {rows.map((r, i) => {
        const y = rowsTop + i * ROW;
        const grey = r.tooSmall || (r.suppressed && r.rate === null);
        const kind = r.isReference ? 'reference' : r.tooSmall ? 'small' : r.flagged.includes('selection_rate') ? 'flagged' : 'normal';
        const colour = grey ? GREY_MARK : kind === 'flagged' ? FLAGGED : kind === 'reference' ? INK : MARK;
        const state = rowState(report, r);
        const right = r.rate === null
          ? (r.suppressed ? 'suppressed' : 'no rate')
          : [formatPercent(r.rate), r.ratio === null || r.isReference ? null : `${formatRatio(r.ratio)}×`, state.startsWith('too small') ? 'too small' : state || null].filter(Boolean).join(' · ');
        const n = num(r.group.n);
        return (
          <g>
            <text x={X0} y={y + 16} fill={grey ? GREY_TEXT : INK}>
              <tspan font-weight="600">{truncate(valueWords(r.value), 18)}</tspan>
              <tspan fill={grey ? GREY_TEXT : MUTED} font-size="13">{` n = ${n === null ? 'suppressed' : formatCount(n)}`}</tspan>
            </text>
            <text x={X1} y={y + 16} text-anchor="end" fill={grey ? GREY_TEXT : kind === 'flagged' ? FLAGGED : INK} font-weight={kind === 'flagged' ? '600' : '400'}>{right}</text>
            {r.low !== null && r.high !== null && (
              <g stroke={colour} stroke-width="2">
                <line x1={fmt(x(r.low))} x2={fmt(x(Math.min(r.high, xmax)))} y1={y + 34} y2={y + 34} stroke-dasharray={grey ? '3 2' : undefined} />
                <line x1={fmt(x(r.low))} x2={fmt(x(r.low))} y1={y + 29} y2={y + 39} />
                {r.high <= xmax ? (
                  <line x1={fmt(x(r.high))} x2={fmt(x(r.high))} y1={y + 29} y2={y + 39} />
                ) : (
                  <path d={`M${fmt(X1 - 7)} ${y + 29}l7 5l-7 5z`} fill={colour} stroke="none" />
                )}
              </g>
            )}
            {r.rate !== null && <Mark x={x(r.rate)} y={y + 34} kind={kind} />}
          </g>
        );
      })}
    </svg>
  );
}

// ---------------------------------------------------------------------------------------------
// Two attributes at once: a heat map of the intersections' selection-rate ratio to the reference.

export type HeatCell = {
  row: string | null;
  column: string | null;
  group: AuditGroup | undefined;
  ratio: number | null;
  state: 'flagged' | 'reference' | 'too small' | 'suppressed' | 'no one' | 'no ratio' | '';
};

export type HeatMapData = { rowAttribute: string; columnAttribute: string; rows: (string | null)[]; columns: (string | null)[]; cells: HeatCell[][] };

/** The values of an attribute in the order of its single-attribute groups (the engine's order), then any only seen in intersections. */
function valuesOf(report: AuditReport, attribute: string, groups: AuditGroup[]): (string | null)[] {
  const seen: (string | null)[] = [];
  for (const g of [...groupsOf(report, [attribute]), ...groups]) {
    const v = g.attributes[attribute] ?? null;
    if (!seen.includes(v)) seen.push(v);
  }
  return seen;
}

/** The intersections of two attributes as a grid; the attribute with more values gives the rows. */
export function heatMapData(report: AuditReport, a: string, b: string): HeatMapData {
  const groups = groupsOf(report, [a, b]);
  let [rowAttribute, columnAttribute] = [a, b];
  let rows = valuesOf(report, a, groups);
  let columns = valuesOf(report, b, groups);
  if (columns.length > rows.length) {
    [rowAttribute, columnAttribute, rows, columns] = [b, a, columns, rows];
  }
  const index = groupIndex(report);
  const cells = rows.map((rv) =>
    columns.map((cv): HeatCell => {
      const attributes = { [a]: rowAttribute === a ? rv : cv, [b]: rowAttribute === a ? cv : rv };
      const group = index.get(groupKey(attributes));
      if (!group) return { row: rv, column: cv, group, ratio: null, state: 'no one' };
      const d = group.disparity.selection_rate;
      const ratio = num(d?.ratio);
      const reference = isReferenceGroup(report, group.attributes);
      const state: HeatCell['state'] = reference
        ? 'reference'
        : isSuppressed(report, group) && ratio === null
          ? 'suppressed'
          : isTooSmall(report, group)
            ? 'too small'
            : d?.flagged
              ? 'flagged'
              : ratio === null
                ? 'no ratio'
                : '';
      return { row: rv, column: cv, group, ratio: reference ? 1 : ratio, state };
    }),
  );
  return { rowAttribute, columnAttribute, rows, columns, cells };
}

/** A heat-map cell in words ("1.74, flagged"; "suppressed"). */
export function heatCellWords(c: HeatCell): string {
  if (c.state === 'no one') return 'no one';
  if (c.state === 'suppressed') return 'suppressed';
  if (c.state === 'reference') return '1.00 (reference)';
  const ratio = c.ratio === null ? 'no ratio' : formatRatio(c.ratio);
  return c.state && c.state !== 'no ratio' ? `${ratio} (${c.state})` : ratio;
}

export function heatMapSummary(report: AuditReport, data: HeatMapData): string {
  const all = data.cells.flat();
  const judged = all.filter((c) => c.ratio !== null && c.state !== 'too small' && c.state !== 'reference');
  const ref = groupWords(Object.fromEntries([data.rowAttribute, data.columnAttribute].map((k) => [k, report.reference[k] ?? null])));
  const who = (c: HeatCell) => `${data.rowAttribute} ${valueWords(c.row)} and ${data.columnAttribute} ${valueWords(c.column)}`;
  const parts = [
    `Ratio of the selection rate of each combination of ${data.rowAttribute} (rows) and ${data.columnAttribute} (columns) to that of the reference combination (${ref}); ` +
      `red means worse off than the reference, blue better off, white equal; each cell prints its ratio.`,
  ];
  if (judged.length) {
    const sorted = [...judged].sort((x, y) => y.ratio! - x.ratio!);
    const hi = sorted[0]!;
    const lo = sorted.at(-1)!;
    parts.push(`Highest: ${who(hi)}, ${heatCellWords(hi)}. Lowest: ${who(lo)}, ${heatCellWords(lo)}.`);
  }
  const count = (s: HeatCell['state']) => all.filter((c) => c.state === s).length;
  parts.push(
    `${all.length} cells: ${count('flagged')} flagged, ${count('too small')} too small to judge, ${count('suppressed')} suppressed${count('no one') ? `, ${count('no one')} with no one` : ''}. The table after the chart gives every value.`,
  );
  return parts.join(' ');
}

const CELL_W = 72;
const CELL_H = 46;

export function HeatMap({ report, data, id }: { report: AuditReport; data: HeatMapData; id: string }) {
  const harmful = report.parameters.positive_outcome !== 'favourable';
  const rowLabels = data.rows.map((v) => truncate(valueWords(v), 18));
  const columnLabels = data.columns.map((v) => truncate(valueWords(v), 9));
  const rowTitle = truncate(data.rowAttribute, 20);
  const left = Math.min(160, Math.max(64, textWidth(rowTitle, 12) + 12, ...rowLabels.map((l) => textWidth(l, 13) + 14)));
  const headerH = 44;
  const gridW = data.columns.length * CELL_W;
  const gridH = data.rows.length * CELL_H;
  const legendTop = headerH + gridH + 22;
  const legendW = 240;
  const legendX = 24;
  const W2 = Math.ceil(Math.max(left + gridW + 8, legendW + legendX * 2, 300));
  const H = legendTop + 118;
  const stops = [0.5, 0.8, 1, 1.25, 2];
  const lx = (r: number): number => legendX + ((Math.log2(r) + 1) / 2) * legendW;
  return (
    <svg class="chart" role="img" aria-labelledby={`${id}-title ${id}-desc`} width={Math.round(W2 * SCALE)} height={Math.round(H * SCALE)} viewBox={`0 0 ${W2} ${H}`} font-family={FONT} font-size="14">
      <title id={`${id}-title`}>{`Selection-rate ratio to the reference, by ${data.rowAttribute} and ${data.columnAttribute}`}</title>
      <desc id={`${id}-desc`}>{heatMapSummary(report, data)}</desc>
      <defs>
        <pattern id={`${id}-hatch`} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
          <rect width="8" height="8" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="8" stroke="#c4c4c4" stroke-width="3" />
        </pattern>
        <linearGradient id={`${id}-scale`}>
          {[0.5, 0.62, 0.79, 1, 1.26, 1.59, 2].map((r, i) => (
            <stop offset={`${Math.round((i / 6) * 100)}%`} stop-color={ratioColour(r, harmful)} />
          ))}
        </linearGradient>
      </defs>
      <text x={4} y={headerH - 8} font-size="12" fill={MUTED}>{`${rowTitle} ↓`}</text>
      <text x={left} y={14} font-size="12" fill={MUTED}>{`${truncate(data.columnAttribute, 30)} →`}</text>
      {columnLabels.map((l, j) => (
        <text x={left + j * CELL_W + CELL_W / 2} y={headerH - 8} text-anchor="middle" font-size="13" font-weight="600" fill={INK}>{l}</text>
      ))}
      {data.cells.map((row, i) => (
        <g>
          <text x={left - 8} y={headerH + i * CELL_H + CELL_H / 2 + 5} text-anchor="end" font-size="13" font-weight="600" fill={INK}>{rowLabels[i]}</text>
          {row.map((c, j) => {
            const cx = left + j * CELL_W;
            const cy = headerH + i * CELL_H;
            const hatched = c.state === 'too small' || c.state === 'suppressed' || c.state === 'no one' || c.ratio === null;
            const fill = hatched ? `url(#${id}-hatch)` : ratioColour(c.ratio!, harmful);
            const ink = hatched ? INK : textOn(fill);
            const top = c.state === 'no one' ? '—' : c.state === 'suppressed' ? '' : c.ratio === null ? '—' : formatRatio(c.ratio);
            const label = c.state === 'no ratio' ? 'no ratio' : c.state;
            return (
              <g>
                <rect x={cx + 1} y={cy + 1} width={CELL_W - 2} height={CELL_H - 2} fill={fill} stroke={c.state === 'flagged' || c.state === 'reference' ? INK : '#8c8c8c'} stroke-width={c.state === 'flagged' ? 3 : c.state === 'reference' ? 2 : 1} stroke-dasharray={c.state === 'reference' ? '4 2' : undefined} />
                {hatched && <rect x={cx + 6} y={cy + (top ? 7 : 15)} width={CELL_W - 12} height={top ? 32 : 16} fill="#ffffff" opacity="0.92" rx="2" />}
                {top && <text x={cx + CELL_W / 2} y={cy + 21} text-anchor="middle" font-weight="700" fill={ink}>{top}</text>}
                {label && <text x={cx + CELL_W / 2} y={cy + (top ? 36 : 28)} text-anchor="middle" font-size="11" fill={ink}>{label}</text>}
              </g>
            );
          })}
        </g>
      ))}
      {/* Legend */}
      <g font-size="12" fill={MUTED}>
        <text x={legendX - 20} y={legendTop}>ratio to the reference's selection rate</text>
        <text x={legendX - 20} y={legendTop + 16}>{`red: worse off (${harmful ? 'higher' : 'lower'}) · blue: better off`}</text>
        <rect x={legendX} y={legendTop + 26} width={legendW} height={14} fill={`url(#${id}-scale)`} stroke="#8c8c8c" stroke-width="1" />
        {stops.map((r) => (
          <g>
            <line x1={fmt(lx(r))} x2={fmt(lx(r))} y1={legendTop + 40} y2={legendTop + 45} stroke={MUTED} />
            <text x={fmt(lx(r))} y={legendTop + 57} text-anchor="middle">{r === 0.5 ? '≤ 0.50' : r === 2 ? '≥ 2.00' : formatRatio(r)}</text>
          </g>
        ))}
        <rect x={legendX - 20} y={legendTop + 70} width={26} height={18} fill={`url(#${id}-hatch)`} stroke="#8c8c8c" />
        <text x={legendX + 12} y={legendTop + 83}>too small to judge, suppressed or no one</text>
        <rect x={legendX - 20} y={legendTop + 94} width={26} height={18} fill="#ffffff" stroke={INK} stroke-width="3" />
        <text x={legendX + 12} y={legendTop + 107}>flagged</text>
        <rect x={legendX + 80} y={legendTop + 94} width={26} height={18} fill="#ffffff" stroke={INK} stroke-width="2" stroke-dasharray="4 2" />
        <text x={legendX + 112} y={legendTop + 107}>reference</text>
      </g>
    </svg>
  );
}
