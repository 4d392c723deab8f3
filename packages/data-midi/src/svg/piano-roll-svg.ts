import { DRUM_CLASSES, drumClassOf } from '../drums/drum-map';
import { rollToGridNotes } from '../midi/roll-notes';

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
  const left = drums ? 80 : 36;
  const top = options.title ? 34 : 18;
  const width = Math.max(left + steps * sw + 10, options.overlay ? left + 200 : 0);
  const height = top + rows * rh + 10;
  const y = (r: number) => top + (high - r) * rh;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="10">`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  if (options.title) out.push(`<text x="${left}" y="14" font-size="13">${esc(options.title)}</text>`);
  // Row shading for black keys and labels for C (or drum class names).
  for (let r = low; r <= high; r++) {
    if (!drums && [1, 3, 6, 8, 10].includes(r % 12)) out.push(`<rect x="${left}" y="${y(r)}" width="${steps * sw}" height="${rh}" fill="#f0f0f0"/>`);
    if (drums) out.push(`<text x="4" y="${y(r) + rh - 2}">${DRUM_CLASSES[r]}</text>`);
    else if (r % 12 === 0) out.push(`<text x="4" y="${y(r) + rh}">C${r / 12 - 1}</text>`);
  }
  const gridEvery = options.gridEvery ?? (roll.stepsPerQuarter ? roll.stepsPerQuarter * 4 : 0);
  if (gridEvery > 0) {
    for (let t = 0; t <= steps; t += gridEvery) out.push(`<line x1="${left + t * sw}" y1="${top}" x2="${left + t * sw}" y2="${top + rows * rh}" stroke="#cccccc" stroke-width="0.5"/>`);
  }
  out.push(`<rect x="${left}" y="${top}" width="${steps * sw}" height="${rows * rh}" fill="none" stroke="#888888" stroke-width="0.5"/>`);
  const colors = [options.color ?? '#1f77b4', options.overlayColor ?? '#ff7f0e'];
  rolls.forEach((r, i) => {
    const opacity = i === 0 ? 1 : 0.65;
    out.push(`<g class="${i === 0 ? 'roll' : 'overlay'}" fill="${colors[i]}" fill-opacity="${opacity}">`);
    for (const n of rollToGridNotes(r.steps, { restrike: drums })) {
      const rr = row(n.pitch);
      if (rr < low || rr > high) continue;
      out.push(`<rect x="${left + n.startStep * sw}" y="${y(rr) + (i === 1 ? rh * 0.25 : 0)}" width="${(n.endStep - n.startStep) * sw}" height="${i === 1 ? rh * 0.5 : rh}"/>`);
    }
    out.push('</g>');
  });
  if (options.overlay) {
    const lx = width - 170;
    out.push(`<rect x="${lx}" y="4" width="8" height="8" fill="${colors[0]}"/><text x="${lx + 11}" y="12">${esc(options.label ?? 'roll')}</text>`);
    out.push(`<rect x="${lx + 80}" y="4" width="8" height="8" fill="${colors[1]}" fill-opacity="0.65"/><text x="${lx + 91}" y="12">${esc(options.overlayLabel ?? 'overlay')}</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}
