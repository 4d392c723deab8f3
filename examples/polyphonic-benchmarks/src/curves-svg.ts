/** One run's validation curve for {@link curvesSvg}. */
export interface Curve {
  readonly label: string;
  /** Validation loss per frame after each epoch (NLL, nats; lower is better). */
  readonly values: readonly number[];
}

import { fitText, textWidth } from '@rnn-nade/core';

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A standalone SVG line chart of validation curves (epochs on x, validation NLL per frame on y),
 * like the seed paper's Figure 4. Non-finite points are skipped; the y-range covers all finite values.
 *
 * @example
 * ```ts
 * writeFileSync('curves.svg', curvesSvg([{ label: 'run 1', values: [9.1, 8.0, 7.4] }], { title: 'JSB search' }));
 * ```
 */
export function curvesSvg(
  curves: readonly Curve[],
  options: { title?: string /** plot-area width (legend excluded) */; width?: number; height?: number } = {},
): string {
  const finite = curves.flatMap((c) => c.values.filter(Number.isFinite));
  const maxLen = Math.max(1, ...curves.map((c) => c.values.length));
  let lo = finite.length ? finite.reduce((a, b) => Math.min(a, b)) : 0;
  let hi = finite.length ? finite.reduce((a, b) => Math.max(a, b)) : 1;
  if (hi - lo < 1e-9) [lo, hi] = [lo - 0.5, hi + 0.5];
  const ticks = [0, 1, 2, 3, 4].map((k) => lo + ((hi - lo) * k) / 4);
  // Margins from the measured labels: y ticks + rotated axis title on the left, the legend on the right.
  const longest = Math.max(0, ...curves.map((c) => textWidth(c.label, 12)));
  const m = {
    l: Math.ceil(Math.max(60, 26 + Math.max(...ticks.map((v) => textWidth(v.toFixed(2), 12))) + 6)),
    r: Math.ceil(Math.max(120, 48 + longest)),
    t: 36,
    b: 44,
  };
  // options.width is the plot area's width; the legend column is added to it
  const W = m.l + (options.width ?? 520) + m.r;
  // Tall enough for 5 tick labels 18 px apart and one legend row per curve.
  const H = Math.max(options.height ?? 420, m.t + m.b + 4 * 18, m.t + 14 + curves.length * 18);
  const x = (i: number) => m.l + (maxLen === 1 ? 0 : (i / (maxLen - 1)) * (W - m.l - m.r));
  const y = (v: number) => m.t + ((hi - v) / (hi - lo)) * (H - m.t - m.b);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${m.l}" y="20" font-size="14">${esc(fitText(options.title ?? 'validation curves', W - m.l - 8, 14))}</text>`,
    `<line x1="${m.l}" y1="${H - m.b}" x2="${W - m.r}" y2="${H - m.b}" stroke="black"/>`,
    `<line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${H - m.b}" stroke="black"/>`,
    `<text x="${(m.l + W - m.r) / 2}" y="${H - 8}" text-anchor="middle">epoch</text>`,
    `<text x="14" y="${(m.t + H - m.b) / 2}" transform="rotate(-90 14 ${(m.t + H - m.b) / 2})" text-anchor="middle">${fitText('valid NLL / frame (nats)', H - m.t - m.b, 12)}</text>`,
  ];
  for (const v of ticks) {
    parts.push(`<text x="${m.l - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(2)}</text>`);
    parts.push(`<line x1="${m.l}" y1="${y(v)}" x2="${W - m.r}" y2="${y(v)}" stroke="#ddd"/>`);
  }
  parts.push(`<text x="${x(0)}" y="${H - m.b + 16}" text-anchor="middle">1</text>`);
  parts.push(`<text x="${x(maxLen - 1)}" y="${H - m.b + 16}" text-anchor="middle">${maxLen}</text>`);
  curves.forEach((c, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const pts = c.values.map((v, j) => (Number.isFinite(v) ? `${x(j).toFixed(1)},${y(v).toFixed(1)}` : null)).filter((p) => p !== null);
    if (pts.length) parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="1.8" points="${pts.join(' ')}"/>`);
    const ly = m.t + 14 + i * 18;
    parts.push(`<line x1="${W - m.r + 12}" y1="${ly - 4}" x2="${W - m.r + 32}" y2="${ly - 4}" stroke="${colour}" stroke-width="3"/>`);
    parts.push(`<text x="${W - m.r + 38}" y="${ly}">${esc(c.label)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
