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

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Round tick step (1, 2 or 5 × 10^k) giving about `count` ticks over `span`. */
export function niceStep(span: number, count = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / count;
  if (!(raw > 0)) return span;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
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
 * Values beyond ±1e300 are clamped so that the span itself stays finite.
 */
function yRange(values: number[]): { yMin: number; yMax: number; yStep: number } {
  const clamp = (v: number) => Math.max(-1e300, Math.min(1e300, v));
  let yMin = values.length ? clamp(values.reduce((a, b) => Math.min(a, b))) : 0;
  let yMax = values.length ? clamp(values.reduce((a, b) => Math.max(a, b))) : 1;
  const tiny = Math.max(1e-9, Math.abs(yMax) * 1e-9, Math.abs(yMin) * 1e-9);
  if (yMax - yMin < tiny) [yMin, yMax] = [yMin - Math.max(0.5, tiny), yMax + Math.max(0.5, tiny)];
  const yStep = niceStep(yMax - yMin);
  return { yMin: Math.floor(yMin / yStep) * yStep, yMax: Math.ceil(yMax / yStep) * yStep, yStep };
}

/**
 * Draws the learning curves of a run as a standalone SVG (no browser needed), like Figure 3 of
 * the ICML 2012 paper: training and validation loss per time step against epochs, with the best
 * validation point marked. Non-finite values are left out; the picture's size is bounded for
 * any values (at most {@link MAX_TICKS} ticks per axis, one mark per point).
 *
 * @example
 * ```ts
 * await writeFile('run/loss-curve.svg', lossCurveSvg(result.history, { title: 'RNN-NADE on JSB' }));
 * ```
 */
export function lossCurveSvg(history: TrainHistory, options: LossCurveOptions = {}): string {
  const width = options.width ?? 640;
  const height = options.height ?? 400;
  const margin = { left: 70, right: 20, top: 40, bottom: 50 };
  const train = history.epochs.filter((e) => Number.isFinite(e.trainLoss)).map((e) => [e.epoch + 1, e.trainLoss] as const);
  const valid = history.checks.filter((c) => Number.isFinite(c.validLoss)).map((c) => [c.epoch, c.validLoss] as const);
  const all = [...train, ...valid];
  const xMax = Math.min(1e9, all.reduce((m, [x]) => Math.max(m, x), 1));
  const { yMin, yMax, yStep } = yRange(all.map(([, y]) => y));
  const xStep = Math.max(1, niceStep(xMax));
  const pw = width - margin.left - margin.right;
  const ph = height - margin.top - margin.bottom;
  const sx = (x: number) => margin.left + (x / xMax) * pw;
  const sy = (y: number) => margin.top + (1 - (y - yMin) / (yMax - yMin)) * ph;
  const pt = ([x, y]: readonly [number, number]) => `${sx(x).toFixed(2)},${sy(y).toFixed(2)}`;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(options.title ?? 'Training curve')}</text>`,
  );
  for (const y of axisTicks(yMin, yMax, yStep)) {
    const py = sy(y).toFixed(2);
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${py}" y2="${py}" stroke="#ddd"/>`,
      `<text x="${margin.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${fmt(y)}</text>`,
    );
  }
  for (const x of axisTicks(0, xMax, xStep)) {
    const px = sx(x).toFixed(2);
    parts.push(
      `<line x1="${px}" x2="${px}" y1="${margin.top + ph}" y2="${margin.top + ph + 5}" stroke="black"/>`,
      `<text x="${px}" y="${margin.top + ph + 18}" text-anchor="middle">${fmt(x)}</text>`,
    );
  }
  parts.push(
    `<rect x="${margin.left}" y="${margin.top}" width="${pw}" height="${ph}" fill="none" stroke="black"/>`,
    `<text x="${margin.left + pw / 2}" y="${height - 10}" text-anchor="middle">epoch</text>`,
    `<text transform="translate(16 ${margin.top + ph / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel ?? 'NLL per time step (nats)')}</text>`,
  );
  const series = [
    { name: 'train', points: train, color: '#1f77b4' },
    { name: 'valid', points: valid, color: '#d62728' },
  ];
  series.forEach(({ name, points, color }, i) => {
    if (points.length > 0) {
      parts.push(
        `<polyline class="${name}" fill="none" stroke="${color}" stroke-width="2" points="${points.map(pt).join(' ')}"/>`,
        ...points.map((p) => `<circle cx="${sx(p[0]).toFixed(2)}" cy="${sy(p[1]).toFixed(2)}" r="2.5" fill="${color}"/>`),
      );
    }
    const ly = margin.top + 14 + i * 16;
    const lx = width - margin.right - 90;
    parts.push(
      `<line x1="${lx}" x2="${lx + 20}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"/>`,
      `<text x="${lx + 26}" y="${ly}" dominant-baseline="middle">${name}</text>`,
    );
  });
  if (valid.length > 0) {
    const best = valid.reduce((a, b) => (b[1] < a[1] ? b : a));
    parts.push(
      `<circle class="best" cx="${sx(best[0]).toFixed(2)}" cy="${sy(best[1]).toFixed(2)}" r="6" fill="none" stroke="#d62728" stroke-width="2"/>`,
      `<text x="${sx(best[0]).toFixed(2)}" y="${(sy(best[1]) + 20).toFixed(2)}" text-anchor="middle" fill="#d62728">best ${fmt(Number(best[1].toFixed(3)))}</text>`,
    );
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
