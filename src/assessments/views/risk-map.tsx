import { BAND_MATRIX, LEVELS, type Band, type HarmScore, type Level } from '../domain/scoring.ts';

// The severity × likelihood map of an assessment's harms, as SVG rendered on the server: each harm's
// inherent risk (a hollow circle) and its residual risk (a filled square), joined by an arrow when
// mitigation moved it. Every cell writes its band, so colour is never the only signal; the image has
// a title and a description listing every harm in words (role="img", aria-labelledby).

export type RiskMapLabels = {
  title: string;
  severity: string;
  likelihood: string;
  inherent: string;
  residual: string;
  bands: Record<Band, string>;
  /** One harm in words, for the description. */
  describe: (h: HarmScore) => string;
};

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/** Light fills, each at least 4.5:1 against the black text and marks drawn on it. */
export const BAND_FILL: Record<Band, string> = { low: '#d9ead3', medium: '#fff2cc', high: '#f9cb9c', critical: '#ea9999' };
const INK = '#1a1a1a';
const CELL = 110;
const X0 = 70;
const Y0 = 40;
const SLOTS = 3; // markers per row in a cell; a cell holds SLOTS × SLOTS of each kind before "+n"

type Point = { x: number; y: number };

/** Where the k-th marker of a cell goes (inherent markers in the top half, residual in the bottom half). */
function slot(severity: Level, likelihood: Level, k: number, half: 0 | 1): Point {
  const left = X0 + (likelihood - 1) * CELL;
  const top = Y0 + (4 - severity) * CELL;
  const col = k % SLOTS;
  const row = Math.floor(k / SLOTS) % 2;
  return { x: left + 22 + col * 33, y: top + 34 + half * 44 + row * 20 };
}

export function RiskMap({ id, harms, labels }: { id: string; harms: HarmScore[]; labels: RiskMapLabels }) {
  const W = X0 + 4 * CELL + 16;
  const H = Y0 + 4 * CELL + 56;
  const taken = new Map<string, number>();
  const place = (severity: Level, likelihood: Level, half: 0 | 1): Point | null => {
    const key = `${severity}-${likelihood}-${half}`;
    const k = taken.get(key) ?? 0;
    taken.set(key, k + 1);
    return k < SLOTS * 2 ? slot(severity, likelihood, k, half) : null;
  };
  const marks = harms.map((h) => ({
    h,
    inherent: place(h.inherent.severity, h.inherent.likelihood, 0),
    residual: place(h.residual.severity, h.residual.likelihood, 1),
  }));
  const overflow = [...taken].filter(([, n]) => n > SLOTS * 2);
  return (
    <svg class="chart risk-map" direction="ltr" role="img" aria-labelledby={`${id}-title ${id}-desc`} width={W} height={H} viewBox={`0 0 ${W} ${H}`} font-family={FONT} font-size="13">
      <title id={`${id}-title`}>{labels.title}</title>
      <desc id={`${id}-desc`}>{harms.map(labels.describe).join(' ')}</desc>
      <defs>
        <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0 0L10 5L0 10z" fill={INK} />
        </marker>
      </defs>
      {LEVELS.map((severity) => LEVELS.map((likelihood) => {
        const band = BAND_MATRIX[severity][likelihood - 1]!;
        const x = X0 + (likelihood - 1) * CELL;
        const y = Y0 + (4 - severity) * CELL;
        return (
          <g data-cell={`${severity}-${likelihood}`}>
            <rect x={x} y={y} width={CELL} height={CELL} fill={BAND_FILL[band]} stroke="#ffffff" stroke-width="2" />
            <text x={x + 6} y={y + 16} fill={INK} font-size="11">{labels.bands[band]}</text>
          </g>
        );
      }))}
      <g fill={INK} font-size="12">
        {LEVELS.map((l) => <text x={X0 + (l - 0.5) * CELL} y={Y0 + 4 * CELL + 18} text-anchor="middle">{l}</text>)}
        {LEVELS.map((s) => <text x={X0 - 10} y={Y0 + (4.5 - s) * CELL + 4} text-anchor="end">{s}</text>)}
        <text x={X0 + 2 * CELL} y={Y0 + 4 * CELL + 38} text-anchor="middle">{labels.likelihood}</text>
        <text x={18} y={Y0 + 2 * CELL} text-anchor="middle" transform={`rotate(-90 18 ${Y0 + 2 * CELL})`}>{labels.severity}</text>
      </g>
      <g font-size="12" fill={INK}>
        <circle cx={X0 + 8} cy={20} r={6} fill="#ffffff" stroke={INK} stroke-width="2" />
        <text x={X0 + 20} y={24}>{labels.inherent}</text>
        <rect x={X0 + 152} y={14} width={12} height={12} fill={INK} />
        <text x={X0 + 170} y={24}>{labels.residual}</text>
      </g>
      {marks.map(({ h, inherent, residual }) => (
        <g data-harm={h.harm}>
          {inherent && residual && (inherent.x !== residual.x || inherent.y !== residual.y) && (h.inherent.severity !== h.residual.severity || h.inherent.likelihood !== h.residual.likelihood) && (
            <line x1={inherent.x} y1={inherent.y} x2={residual.x} y2={residual.y - 8} stroke={INK} stroke-width="1.2" stroke-dasharray="3 2" marker-end={`url(#${id}-arrow)`} />
          )}
          {inherent && (
            <g data-stage="inherent" data-at={`${h.inherent.severity}-${h.inherent.likelihood}`}>
              <circle cx={inherent.x} cy={inherent.y} r={6} fill="#ffffff" stroke={INK} stroke-width="2" />
              <text x={inherent.x + 9} y={inherent.y + 4} font-size="11" fill={INK}>{h.harm}</text>
            </g>
          )}
          {residual && (
            <g data-stage="residual" data-at={`${h.residual.severity}-${h.residual.likelihood}`}>
              <rect x={residual.x - 6} y={residual.y - 6} width={12} height={12} fill={INK} />
              <text x={residual.x + 9} y={residual.y + 4} font-size="11" fill={INK}>{h.harm}</text>
            </g>
          )}
        </g>
      ))}
      {overflow.map(([key, n]) => {
        const [severity, likelihood, half] = key.split('-').map(Number) as [Level, Level, 0 | 1];
        return (
          <text data-overflow={key} x={X0 + likelihood * CELL - 6} y={Y0 + (4 - severity) * CELL + (half ? 100 : 56)} text-anchor="end" font-size="11" font-weight="600" fill={INK}>
            {`+${n - SLOTS * 2}`}
          </text>
        );
      })}
    </svg>
  );
}
