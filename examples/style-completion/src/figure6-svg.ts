import { fitText, textWidth } from '@rnn-nade/core';
import type { StepMeans } from './completion';

/** Options of {@link figure6Svg}. */
export interface Figure6Options {
  /** Title line. */
  readonly title?: string;
  /** Draw a dashed line every this many steps (bar lines). */
  readonly barSteps?: number;
  /** Picture width (default 720; widened when the legend leaves the plot under 240 px). */
  readonly width?: number;
  /** Picture height (default 360). */
  readonly height?: number;
}

const SERIES: { key: keyof StepMeans; label: string; color: string; dash?: string }[] = [
  { key: 'error', label: 'error (missed + misplaced + false pos.)', color: '#d62728' },
  { key: 'missed', label: 'missed notes', color: '#1f77b4' },
  { key: 'falsePositives', label: 'false positives', color: '#ff7f0e' },
  { key: 'misplaced', label: 'misplaced (±2 semitones)', color: '#2ca02c' },
  { key: 'truth', label: 'notes in the true continuation', color: '#7f7f7f', dash: '4 3' },
];

const esc = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/**
 * The seed paper's Figure 6 as a standalone SVG: per step after the primer, the mean number of
 * wrong notes (error), missed notes, false positives and misplaced notes over the samples, with
 * the number of true notes for scale.
 *
 * @example
 * ```ts
 * writeFileSync('figure6.svg', figure6Svg(completion.means, { title: 'K. 545/1', barSteps: 8 }));
 * ```
 */
export function figure6Svg(means: StepMeans, options: Figure6Options = {}): string {
  const height = options.height ?? 360;
  const T = means.error.length;
  const yMaxRaw = Math.max(1, ...SERIES.flatMap((s) => means[s.key]));
  const yMax = Math.ceil(yMaxRaw);
  const yStep = yMax <= 6 ? 1 : Math.ceil(yMax / 6);
  // Margins from the measured labels: y ticks + the rotated axis title on the left, the legend on the right.
  const legendText = Math.max(...SERIES.map((s) => textWidth(s.label, 11)));
  const m = { left: Math.ceil(Math.max(50, 24 + textWidth(String(yMax), 11) + 12)), right: Math.ceil(54 + legendText), top: 36, bottom: 44 };
  // The picture widens rather than squeezing the plot under 240 px when the legend is long.
  const width = Math.max(options.width ?? 720, m.left + 240 + m.right);
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const sx = (t: number) => m.left + (T <= 1 ? 0 : (t / (T - 1)) * pw);
  const sy = (y: number) => m.top + (1 - y / yMax) * ph;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  if (options.title) out.push(`<text x="${m.left}" y="20" font-size="13">${esc(fitText(options.title, width - m.left - 8, 13))}</text>`);
  out.push(`<line x1="${m.left}" y1="${sy(0)}" x2="${m.left + pw}" y2="${sy(0)}" stroke="#000"/>`);
  out.push(`<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${sy(0)}" stroke="#000"/>`);
  for (let y = 0; y <= yMax; y += yStep) {
    out.push(
      `<line x1="${m.left - 4}" y1="${sy(y)}" x2="${m.left}" y2="${sy(y)}" stroke="#000"/><text x="${m.left - 8}" y="${sy(y) + 4}" text-anchor="end">${y}</text>`,
    );
  }
  if (options.barSteps && options.barSteps > 0) {
    // Label every k-th bar line, k such that neighbouring labels keep 6 px apart.
    const perBar = T <= 1 ? Infinity : (options.barSteps / (T - 1)) * pw;
    const every = Math.max(1, Math.ceil((textWidth(String(T), 11) + 6) / perBar));
    for (let t = 0, i = 0; t < T; t += options.barSteps, i++) {
      const label = i % every === 0 ? `<text x="${sx(t)}" y="${sy(0) + 14}" text-anchor="middle">${t}</text>` : '';
      out.push(`<line x1="${sx(t)}" y1="${m.top}" x2="${sx(t)}" y2="${sy(0)}" stroke="#ccc" stroke-dasharray="2 3"/>${label}`);
    }
  }
  const xTitle = fitText('step after the primer (grid steps; dashed lines = bars)', 2 * Math.min(m.left + pw / 2, width - m.left - pw / 2) - 8, 11);
  out.push(`<text x="${m.left + pw / 2}" y="${height - 8}" text-anchor="middle">${xTitle}</text>`);
  out.push(
    `<text transform="translate(14 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${fitText('notes per step (mean over samples)', ph, 11)}</text>`,
  );
  SERIES.forEach((s, i) => {
    const pts = means[s.key].map((y, t) => `${sx(t).toFixed(1)},${sy(y).toFixed(1)}`).join(' ');
    out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="1.6"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} points="${pts}"/>`);
    const ly = m.top + 10 + i * 18;
    out.push(
      `<line x1="${width - m.right + 14}" y1="${ly}" x2="${width - m.right + 36}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/><text x="${width - m.right + 40}" y="${ly + 4}">${esc(s.label)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
