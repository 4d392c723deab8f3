import { DRUM_CLASSES, drumClassOf } from '../drums/drum-map';
import { rollToGridNotes } from '../midi/roll-notes';
import { textWidth } from '@rnn-nade/core';

/** The roll data a picture needs: pitches per step (drum rolls: GM drum notes). */
export interface SvgRoll {
  /** MIDI pitches per step. */
  readonly steps: readonly (readonly number[])[];
  /** Grid resolution (bar lines every 4 quarters when known). */
  readonly stepsPerQuarter?: number;
  /** Draw one row per drum class. */
  readonly drums?: boolean;
}

/** Options of {@link pianoRollSvg}. */
export interface PianoRollSvgOptions {
  /** A second roll drawn over the first in another colour (e.g. generated over true). */
  readonly overlay?: SvgRoll;
  /** Pixel width of one step (default 4). */
  readonly stepWidth?: number;
  /** Pixel height of one pitch row (default 4; drum rows are 3x). */
  readonly rowHeight?: number;
  /** Pitch rows shown (default: the notes' range padded by 2, at least one octave). */
  readonly low?: number;
  /** Highest pitch row. */
  readonly high?: number;
  /** Colour of the main roll (default `#1f77b4`) and of the overlay (default `#ff7f0e`). */
  readonly color?: string;
  /** Colour of the overlay. */
  readonly overlayColor?: string;
  /** Legend labels (default "roll" / "overlay"). */
  readonly label?: string;
  /** Legend label of the overlay. */
  readonly overlayLabel?: string;
  /** Title text at the top. */
  readonly title?: string;
  /** Draw a vertical line every this many steps (default: one bar of 4 quarters, if stepsPerQuarter is known). */
  readonly gridEvery?: number;
}

const esc = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/**
 * Draws a piano roll as a standalone SVG document (time left to right, pitch bottom to top;
 * C notes labelled), with an optional second roll overlaid in another colour for "true vs
 * generated". Drum rolls get one row per drum class. Pure string output; no browser needed.
 *
 * @example
 * ```ts
 * fs.writeFileSync('roll.svg', pianoRollSvg(trueRoll, { overlay: generated, label: 'true', overlayLabel: 'generated' }));
 * ```
 */
export function pianoRollSvg(roll: SvgRoll, options: PianoRollSvgOptions = {}): string {
  const drums = roll.drums ?? false;
  const sw = options.stepWidth ?? 4;
  const rh = (options.rowHeight ?? 4) * (drums ? 3 : 1);
  const rolls = [roll, ...(options.overlay ? [options.overlay] : [])];
  const steps = Math.max(1, ...rolls.map((r) => r.steps.length));
  const row = (p: number) => (drums ? drumClassOf(p) : p);
  let low: number;
  let high: number;
  if (drums) {
    low = 0;
    high = DRUM_CLASSES.length - 1;
  } else {
    const all = rolls.flatMap((r) => r.steps.flat());
    const lo = all.length ? Math.min(...all) : 60;
    const hi = all.length ? Math.max(...all) : 71;
    low = options.low ?? Math.max(0, Math.min(lo - 2, Math.floor((lo + hi) / 2) - 6));
    high = options.high ?? Math.min(127, Math.max(hi + 2, low + 11));
  }
  const rows = high - low + 1;
  const labels = drums ? DRUM_CLASSES : [];
  // Row labels: at most 10 px, smaller when rows are closer than that (one label per C, per drum row).
  const labelSize = Math.min(10, Math.floor(((drums ? rh : 12 * rh) / 1.1) * 10) / 10);
  const left = Math.ceil(Math.max(36, ...labels.map((l) => textWidth(l, labelSize) + 12)));
  const colors = [options.color ?? '#1f77b4', options.overlayColor ?? '#ff7f0e'];
  // Header: the title row, then the legend row (overlays), each measured so nothing clips.
  let header = options.title ? 20 : 0;
  const legend: string[] = [];
  let legendEnd = 0;
  if (options.overlay) {
    const ly = header + 12;
    let lx = left;
    [options.label ?? 'roll', options.overlayLabel ?? 'overlay'].forEach((label, i) => {
      legend.push(
        `<rect x="${lx}" y="${ly - 8}" width="8" height="8" fill="${colors[i]}"${i ? ' fill-opacity="0.65"' : ''}/><text x="${lx + 11}" y="${ly}">${esc(label)}</text>`,
      );
      lx += 11 + Math.ceil(textWidth(label, 10)) + 16;
    });
    legendEnd = lx - 16;
    header += 16;
  }
  const top = Math.max(18, header + 12);
  const width = Math.ceil(Math.max(left + steps * sw + 10, options.title ? left + textWidth(options.title, 13) + 10 : 0, legendEnd + 10));
  const height = top + rows * rh + 10;
  const y = (r: number) => top + (high - r) * rh;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="10">`,
  );
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  if (options.title) out.push(`<text x="${left}" y="14" font-size="13">${esc(options.title)}</text>`);
  out.push(...legend);
  // Row shading for black keys and labels for C (or drum class names).
  for (let r = low; r <= high; r++) {
    if (!drums && [1, 3, 6, 8, 10].includes(r % 12)) out.push(`<rect x="${left}" y="${y(r)}" width="${steps * sw}" height="${rh}" fill="#f0f0f0"/>`);
    if (drums) out.push(`<text x="4" y="${y(r) + (rh + labelSize * 0.55) / 2}" font-size="${labelSize}">${DRUM_CLASSES[r]}</text>`);
    else if (r % 12 === 0) out.push(`<text x="4" y="${y(r) + rh}" font-size="${labelSize}">C${r / 12 - 1}</text>`);
  }
  const gridEvery = options.gridEvery ?? (roll.stepsPerQuarter ? roll.stepsPerQuarter * 4 : 0);
  if (gridEvery > 0) {
    for (let t = 0; t <= steps; t += gridEvery)
      out.push(`<line x1="${left + t * sw}" y1="${top}" x2="${left + t * sw}" y2="${top + rows * rh}" stroke="#cccccc" stroke-width="0.5"/>`);
  }
  out.push(`<rect x="${left}" y="${top}" width="${steps * sw}" height="${rows * rh}" fill="none" stroke="#888888" stroke-width="0.5"/>`);
  rolls.forEach((r, i) => {
    const opacity = i === 0 ? 1 : 0.65;
    out.push(`<g class="${i === 0 ? 'roll' : 'overlay'}" fill="${colors[i]}" fill-opacity="${opacity}">`);
    for (const n of rollToGridNotes(r.steps, { restrike: drums })) {
      const rr = row(n.pitch);
      if (rr < low || rr > high) continue;
      out.push(
        `<rect x="${left + n.startStep * sw}" y="${y(rr) + (i === 1 ? rh * 0.25 : 0)}" width="${(n.endStep - n.startStep) * sw}" height="${i === 1 ? rh * 0.5 : rh}"/>`,
      );
    }
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('\n');
}
