import { fitText, textWidth } from '../svg/text-width';
import type { TrainHistory } from './history';

/** Options of {@link lossCurveSvg}. */
export interface LossCurveOptions {
  /** Title line; default "Training curve". */
  readonly title?: string;
  /** Picture width in px; default 640. */
  readonly width?: number;
  /** Picture height in px; default 400. */
  readonly height?: number;
  /** Y-axis label; default "NLL per time step (nats)". */
  readonly yLabel?: string;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Round tick step (1, 2 or 5 × 10^k) giving about `count` ticks over `span`. */
export function niceStep(span: number, count = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / count;
  if (!(raw > 0)) return span;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

const fmt = (v: number) => String(Number(v.toPrecision(6)));

/** Most tick marks an axis draws, whatever the values. */
export const MAX_TICKS = 20;

/**
 * Tick values from `min` to `max` (inclusive, within half a step) every `step`, computed by index
 * so that the count is bounded by {@link MAX_TICKS} for any input — no accumulating loop that a
 * step below the values' float resolution (1e17 + 10) or an infinite span could keep alive.
 */
export function axisTicks(min: number, max: number, step: number): number[] {
  if (![min, max, step].every(Number.isFinite) || !(step > 0) || max < min) return [];
  const count = Math.min(MAX_TICKS, Math.floor((max - min) / step + 0.5) + 1);
  const ticks: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = min + i * step;
    if (ticks.length === 0 || v !== ticks[ticks.length - 1]) ticks.push(v);
  }
  return ticks;
}

/**
 * The y range to draw: finite, non-empty, and wide enough that its ticks are distinct numbers.
 * Values beyond ±1e300 are clamped so that the span itself stays finite. `count` is about how
 * many ticks fit.
 */
function yRange(values: number[], count: number): { yMin: number; yMax: number; yStep: number } {
  const clamp = (v: number) => Math.max(-1e300, Math.min(1e300, v));
  let yMin = values.length ? clamp(values.reduce((a, b) => Math.min(a, b))) : 0;
  let yMax = values.length ? clamp(values.reduce((a, b) => Math.max(a, b))) : 1;
  const tiny = Math.max(1e-9, Math.abs(yMax) * 1e-9, Math.abs(yMin) * 1e-9);
  if (yMax - yMin < tiny) [yMin, yMax] = [yMin - Math.max(0.5, tiny), yMax + Math.max(0.5, tiny)];
  const yStep = niceStep(yMax - yMin, count);
  return { yMin: Math.floor(yMin / yStep) * yStep, yMax: Math.ceil(yMax / yStep) * yStep, yStep };
}

const FONT = 12;
const TITLE_FONT = 15;
const LEGEND = [
  { name: 'train', color: '#1f77b4' },
  { name: 'valid', color: '#d62728' },
] as const;

/** An x tick step whose labels (measured) do not touch each other over `plotWidth` px. */
function xTickStep(xMax: number, plotWidth: number): number {
  for (let count = 5; count >= 1; count--) {
    const step = Math.max(1, niceStep(xMax, count));
    const ticks = axisTicks(0, xMax, step);
    const widest = Math.max(...ticks.map((t) => textWidth(fmt(t), FONT)));
    if (ticks.length < 2 || (step / xMax) * plotWidth >= widest + 8) return step;
  }
  return Math.max(1, xMax);
}

/** The legend, one row in the top margin, right-aligned: line + measured name per series. */
function legend(right: number, y: number): string[] {
  const parts: string[] = [];
  let x = right;
  for (const { name, color } of [...LEGEND].reverse()) {
    x -= textWidth(name, FONT);
    parts.push(`<text x="${x.toFixed(2)}" y="${y}" dominant-baseline="middle">${name}</text>`);
    x -= 26;
    parts.push(`<line x1="${x.toFixed(2)}" x2="${(x + 20).toFixed(2)}" y1="${y - 4}" y2="${y - 4}" stroke="${color}" stroke-width="2"/>`);
    x -= 12;
  }
  return parts;
}

/** Plot box in picture coordinates. */
interface PlotBox {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** The "best" label near the best validation point, kept inside the plot box (below it, else above). */
function bestLabel(text: string, px: number, py: number, box: PlotBox): string {
  const w = textWidth(text, FONT);
  const x = Math.min(Math.max(px, box.left + w / 2 + 2), box.right - w / 2 - 2);
  const below = py + 20;
  const y = below + 0.25 * FONT <= box.bottom - 2 ? below : Math.max(py - 10, box.top + FONT);
  return `<text x="${x.toFixed(2)}" y="${y.toFixed(2)}" text-anchor="middle" fill="#d62728">${escapeXml(text)}</text>`;
}

/**
 * Draws the learning curves of a run as a standalone SVG (no browser needed), like Figure 3 of
 * the ICML 2012 paper: training and validation loss per time step against epochs, with the best
 * validation point marked. Non-finite values are left out; the picture's size is bounded for
 * any values (at most {@link MAX_TICKS} ticks per axis, one mark per point). Text is measured
 * ({@link textWidth}): margins fit the tick labels, long titles are shortened with an ellipsis
 * ({@link fitText}), tick labels are thinned so that they never touch, and the legend sits
 * above the plot, so nothing clips or overlaps.
 *
 * @example
 * ```ts
 * await writeFile('run/loss-curve.svg', lossCurveSvg(result.history, { title: 'RNN-NADE on JSB' }));
 * ```
 */
export function lossCurveSvg(history: TrainHistory, options: LossCurveOptions = {}): string {
  const width = options.width ?? 640;
  const height = options.height ?? 400;
  const train = history.epochs.filter((e) => Number.isFinite(e.trainLoss)).map((e) => [e.epoch + 1, e.trainLoss] as const);
  const valid = history.checks.filter((c) => Number.isFinite(c.validLoss)).map((c) => [c.epoch, c.validLoss] as const);
  const all = [...train, ...valid];
  const xMax = Math.min(
    1e9,
    all.reduce((m, [x]) => Math.max(m, x), 1),
  );
  const top = 50;
  const bottom = height - 50;
  const { yMin, yMax, yStep } = yRange(
    all.map(([, y]) => y),
    Math.max(1, Math.min(5, Math.floor((bottom - top) / 18))),
  );
  const yTicks = axisTicks(yMin, yMax, yStep);
  const left = 30 + Math.max(0, ...yTicks.map((y) => textWidth(fmt(y), FONT)));
  const right = width - 10 - textWidth(fmt(xMax), FONT) / 2;
  const box: PlotBox = { left, top, right, bottom };
  const pw = right - left;
  const ph = bottom - top;
  const sx = (x: number) => left + (x / xMax) * pw;
  const sy = (y: number) => top + (1 - (y - yMin) / (yMax - yMin)) * ph;
  const pt = ([x, y]: readonly [number, number]) => `${sx(x).toFixed(2)},${sy(y).toFixed(2)}`;
  const yLabel = fitText(options.yLabel ?? 'NLL per time step (nats)', ph, FONT);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="${FONT}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="${TITLE_FONT}">${escapeXml(fitText(options.title ?? 'Training curve', width - 12, TITLE_FONT))}</text>`,
    ...legend(width - 10, 40),
  ];
  for (const y of yTicks) {
    const py = sy(y).toFixed(2);
    parts.push(
      `<line x1="${left.toFixed(2)}" x2="${right.toFixed(2)}" y1="${py}" y2="${py}" stroke="#ddd"/>`,
      `<text x="${(left - 6).toFixed(2)}" y="${(sy(y) + 4).toFixed(2)}" text-anchor="end">${fmt(y)}</text>`,
    );
  }
  for (const x of axisTicks(0, xMax, xTickStep(xMax, pw))) {
    const px = sx(x).toFixed(2);
    parts.push(
      `<line x1="${px}" x2="${px}" y1="${bottom}" y2="${bottom + 5}" stroke="black"/>`,
      `<text x="${px}" y="${bottom + 18}" text-anchor="middle">${fmt(x)}</text>`,
    );
  }
  parts.push(
    `<rect x="${left.toFixed(2)}" y="${top}" width="${pw.toFixed(2)}" height="${ph}" fill="none" stroke="black"/>`,
    `<text x="${(left + pw / 2).toFixed(2)}" y="${height - 10}" text-anchor="middle">epoch</text>`,
    `<text transform="translate(16 ${top + ph / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`,
  );
  for (const [i, points] of [train, valid].entries()) {
    const { name, color } = LEGEND[i]!;
    if (points.length === 0) continue;
    parts.push(
      `<polyline class="${name}" fill="none" stroke="${color}" stroke-width="2" points="${points.map(pt).join(' ')}"/>`,
      ...points.map((p) => `<circle cx="${sx(p[0]).toFixed(2)}" cy="${sy(p[1]).toFixed(2)}" r="2.5" fill="${color}"/>`),
    );
  }
  if (valid.length > 0) {
    const best = valid.reduce((a, b) => (b[1] < a[1] ? b : a));
    parts.push(
      `<circle class="best" cx="${sx(best[0]).toFixed(2)}" cy="${sy(best[1]).toFixed(2)}" r="6" fill="none" stroke="#d62728" stroke-width="2"/>`,
      bestLabel(`best ${fmt(Number(best[1].toFixed(3)))}`, sx(best[0]), sy(best[1]), box),
    );
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
