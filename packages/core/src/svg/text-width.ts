/**
 * Advance widths of printable ASCII (32..126) in a Helvetica/Arial-like sans-serif font, in
 * thousandths of an em (the Adobe Helvetica AFM metrics).
 */
const ASCII_WIDTHS = [
  278,
  278,
  355,
  556,
  556,
  889,
  667,
  191,
  333,
  333,
  389,
  584,
  278,
  333,
  278,
  278, // space .. /
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  278,
  278,
  584,
  584,
  584,
  556, // 0 .. ?
  1015,
  667,
  667,
  722,
  722,
  667,
  611,
  778,
  722,
  278,
  500,
  667,
  556,
  833,
  722,
  778, // @ .. O
  667,
  778,
  722,
  667,
  611,
  722,
  667,
  944,
  667,
  667,
  611,
  278,
  278,
  278,
  469,
  556, // P .. _
  333,
  556,
  556,
  500,
  556,
  556,
  278,
  556,
  556,
  222,
  222,
  500,
  222,
  833,
  556,
  556, // ` .. o
  556,
  556,
  333,
  500,
  278,
  556,
  500,
  722,
  500,
  500,
  500,
  334,
  260,
  334,
  584, // p .. ~
];

/**
 * Safety factor over the Helvetica metrics: the common fallbacks for `sans-serif` (DejaVu Sans
 * on Linux, Verdana-like fonts) are up to ~12 % wider, and a label must never clip.
 */
const SAFETY = 1.12;

/**
 * Width in pixels of `text` set in a sans-serif font of `fontSize` pixels — an upper estimate
 * (Helvetica metrics × 1.12; 0.6 em for other Latin characters, 1 em for wide scripts), so
 * that SVG pictures can size margins, legends and titles without a browser to measure in.
 *
 * @example
 * ```ts
 * const legendWidth = Math.max(...labels.map((l) => textWidth(l, 11))) + 30;
 * ```
 */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 32 && code <= 126) units += ASCII_WIDTHS[code - 32]!;
    else if (code < 0x2e80) units += 600;
    else units += 1000;
  }
  return (units / 1000) * fontSize * SAFETY;
}

/**
 * Shortens `text` with an ellipsis so that {@link textWidth} of the result is at most `maxWidth`.
 *
 * @example
 * ```ts
 * fitText('A very long title for a small picture', 120, 13); // 'A very long titl…'
 * ```
 */
export function fitText(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join('')}…`, fontSize) > maxWidth) chars.pop();
  return chars.length > 0 ? `${chars.join('').trimEnd()}…` : '';
}
