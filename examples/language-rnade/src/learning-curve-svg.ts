import { fitText, textWidth } from '@rnn-nade/core';

/** One curve of {@link learningCurveSvg}: (x, y) points or a constant (a horizontal line). */
export interface CurveSeries {
  readonly label: string;
  readonly color: string;
  /** Points (epoch, NLL); or use `constant`. */
  readonly points?: readonly (readonly [number, number])[];
  /** Draws a dashed horizontal line at this value across the whole plot. */
  readonly constant?: number;
  /** Dashed stroke. */
  readonly dashed?: boolean;
}

/** Options of {@link learningCurveSvg}. */
export interface LearningCurveOptions {
  readonly title: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Picture width (default 680; widened when the legend leaves the plot under 240 px). */
  readonly width?: number;
  readonly height?: number;
  /** Left end of the x axis (default 0); points left of it are dropped (a zoom on the late epochs). */
  readonly xMin?: number;
  /** Whether constant lines widen the y range (default true); when false, constants outside it are not drawn. */
  readonly constantsInRange?: boolean;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number) => String(Number(v.toPrecision(6)));

function niceStep(span: number, count: number): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/**
 * A standalone SVG of learning curves (NLL per word vector against epochs) with baselines as
 * dashed horizontal lines: the seed paper's Figure 8 for the WikiText-2 experiment. Non-finite
 * values are left out; the output is deterministic (same input, same bytes).
 *
 * @example
 * ```ts
 * const svg = learningCurveSvg([{ label: 'valid', color: '#d62728', points: [[1, 5.1], [2, 3.9]] }], { title: 'RNN-RNADE' });
 * ```
 */
export function learningCurveSvg(series: readonly CurveSeries[], options: LearningCurveOptions): string {
  const H = options.height ?? 420;
  const x0 = options.xMin ?? 0;
  const keep = ([x, y]: readonly [number, number]) => Number.isFinite(x) && Number.isFinite(y) && x >= x0;
  const pts = series.flatMap((s) => (s.points ?? []).filter(keep));
  const consts = series.map((s) => s.constant).filter((c): c is number => c !== undefined && Number.isFinite(c));
  const xMax = Math.max(x0 + 1, ...pts.map(([x]) => x));
  const ys = [...pts.map(([, y]) => y), ...(options.constantsInRange === false ? [] : consts)];
  let yMin = ys.length ? Math.min(...ys) : 0;
  let yMax = ys.length ? Math.max(...ys) : 1;
  if (yMax - yMin < 1e-9) [yMin, yMax] = [yMin - 0.5, yMax + 0.5];
  const yStep = niceStep(yMax - yMin, 6);
  yMin = Math.floor(yMin / yStep) * yStep;
  yMax = Math.ceil(yMax / yStep) * yStep;
  const xStep = Math.max(1, niceStep(xMax - x0, 8));
  const offScale = (s: CurveSeries) => s.constant !== undefined && !(s.constant >= yMin && s.constant <= yMax);
  const legendLabels = series.map((s) => `${s.label}${offScale(s) ? ` (${fmt(s.constant!)}, off scale)` : ''}`);
  // Margins from the measured labels: y ticks + rotated axis title on the left, the legend on the right.
  const yTicks: number[] = [];
  for (let y = yMin, i = 0; y <= yMax + 1e-9 && i <= 12; y += yStep, i++) yTicks.push(y);
  const m = {
    left: Math.ceil(Math.max(70, 30 + Math.max(...yTicks.map((y) => textWidth(fmt(y), 12))) + 6)),
    right: Math.ceil(Math.max(190, 52 + Math.max(0, ...legendLabels.map((l) => textWidth(l, 12))))),
    top: 40,
    bottom: 50,
  };
  // The picture widens rather than squeezing the plot under 240 px when the legend is long.
  const W = Math.max(options.width ?? 680, m.left + 240 + m.right);
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const sx = (x: number) => m.left + ((x - x0) / (xMax - x0)) * pw;
  const sy = (y: number) => m.top + ((yMax - y) / (yMax - yMin)) * ph;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${esc(fitText(options.title, W - 16, 14))}</text>`,
  ];
  for (const y of yTicks) {
    out.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${fmt(sy(y))}" y2="${fmt(sy(y))}" stroke="#eee"/>`);
    out.push(`<text x="${m.left - 6}" y="${fmt(sy(y) + 4)}" text-anchor="end">${fmt(y)}</text>`);
  }
  const xEvery = Math.max(1, Math.ceil((textWidth(fmt(xMax), 12) + 8) / ((xStep / (xMax - x0)) * pw)));
  for (let x = Math.ceil(x0 / xStep) * xStep, i = 0; x <= xMax + 1e-9; x += xStep, i++) {
    if (i % xEvery !== 0) continue;
    out.push(`<text x="${fmt(sx(x))}" y="${m.top + ph + 18}" text-anchor="middle">${fmt(x)}</text>`);
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${m.left + pw / 2}" y="${H - 10}" text-anchor="middle">${esc(fitText(options.xLabel ?? 'epoch', pw, 12))}</text>`);
  out.push(
    `<text x="16" y="${m.top + ph / 2}" text-anchor="middle" transform="rotate(-90 16 ${m.top + ph / 2})">${esc(fitText(options.yLabel ?? 'NLL per word vector (nats)', ph, 12))}</text>`,
  );
  series.forEach((s, i) => {
    const dash = s.dashed || s.constant !== undefined ? ' stroke-dasharray="6 4"' : '';
    if (s.constant !== undefined && Number.isFinite(s.constant) && s.constant >= yMin && s.constant <= yMax) {
      out.push(
        `<line x1="${m.left}" x2="${m.left + pw}" y1="${fmt(sy(s.constant))}" y2="${fmt(sy(s.constant))}" stroke="${s.color}" stroke-width="1.5"${dash}/>`,
      );
    }
    const p = (s.points ?? []).filter(keep);
    if (p.length) {
      const d = p.map(([x, y], j) => `${j ? 'L' : 'M'}${fmt(sx(x))},${fmt(sy(y))}`).join(' ');
      out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`);
      for (const [x, y] of p) out.push(`<circle cx="${fmt(sx(x))}" cy="${fmt(sy(y))}" r="2.5" fill="${s.color}"/>`);
    }
    const ly = m.top + 14 + i * 20;
    out.push(`<line x1="${m.left + pw + 12}" x2="${m.left + pw + 36}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${m.left + pw + 42}" y="${ly}">${esc(legendLabels[i]!)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
