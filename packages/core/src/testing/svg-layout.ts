import { textWidth } from '../svg/text-width';

/** The estimated box of one `<text>` of an SVG picture, in picture coordinates. */
export interface SvgTextBox {
  /** The text content (entities decoded). */
  readonly text: string;
  /** Left edge. */
  readonly x0: number;
  /** Top edge. */
  readonly y0: number;
  /** Right edge. */
  readonly x1: number;
  /** Bottom edge. */
  readonly y1: number;
}

type Matrix = [number, number, number, number, number, number]; // a b c d e f (SVG order)
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const TAG = /<(\/?)([a-zA-Z]+)([^>]*?)(\/?)>/g;
const ATTR = /([a-zA-Z-:]+)="([^"]*)"/g;

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

/** Parses `translate(...)`, `rotate(a [cx cy])` and `scale(...)` lists into one matrix. */
function parseTransform(value: string | undefined): Matrix {
  let m = IDENTITY;
  for (const [, fn, args] of (value ?? '').matchAll(/(translate|rotate|scale)\(([^)]*)\)/g)) {
    const v = args!
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (fn === 'translate') m = multiply(m, [1, 0, 0, 1, v[0] ?? 0, v[1] ?? 0]);
    else if (fn === 'scale') m = multiply(m, [v[0] ?? 1, 0, 0, v[1] ?? v[0] ?? 1, 0, 0]);
    else {
      const r = ((v[0] ?? 0) * Math.PI) / 180;
      const [cx, cy] = [v[1] ?? 0, v[2] ?? 0];
      m = multiply(multiply(multiply(m, [1, 0, 0, 1, cx, cy]), [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0]), [1, 0, 0, 1, -cx, -cy]);
    }
  }
  return m;
}

const attrs = (s: string) => Object.fromEntries([...s.matchAll(ATTR)].map((a) => [a[1]!, a[2]!]));
const decode = (s: string) =>
  s
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
const firstNumber = (s: string | undefined) => Number((s ?? '0').split(/[\s,]+/)[0]);

/**
 * Estimated boxes of every `<text>` in an SVG string, from its position, `text-anchor`,
 * `font-size` (inherited from `<svg>` / `<g>`; SVG's default 16) and `transform`s, with the
 * widths of {@link textWidth} and a box from 0.8 em above to 0.25 em below the baseline. For
 * tests of generated pictures: nothing clips, nothing overlaps.
 *
 * @example
 * ```ts
 * const boxes = svgTextBoxes('<svg width="100" height="20"><text x="2" y="14">hi</text></svg>');
 * ```
 */
export function svgTextBoxes(svg: string): SvgTextBox[] {
  const boxes: SvgTextBox[] = [];
  const stack: { fontSize: number; anchor: string; matrix: Matrix }[] = [{ fontSize: 16, anchor: 'start', matrix: IDENTITY }];
  for (const match of svg.matchAll(TAG)) {
    const [whole, close, name, rawAttrs, selfClose] = match;
    if (close) {
      if ((name === 'g' || name === 'svg') && stack.length > 1) stack.pop();
      continue;
    }
    const a = attrs(rawAttrs!);
    const parent = stack[stack.length - 1]!;
    const fontSize = a['font-size'] ? Number.parseFloat(a['font-size']) : parent.fontSize;
    const anchor = a['text-anchor'] ?? parent.anchor;
    const matrix = multiply(parent.matrix, parseTransform(a.transform));
    if (name === 'text') {
      const end = svg.indexOf('</text>', match.index! + whole!.length);
      const text = decode(svg.slice(match.index! + whole!.length, end < 0 ? undefined : end));
      const x = firstNumber(a.x);
      const y = firstNumber(a.y);
      const w = textWidth(text, fontSize);
      const left = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x;
      const corners = [
        [left, y - 0.8 * fontSize],
        [left + w, y - 0.8 * fontSize],
        [left, y + 0.25 * fontSize],
        [left + w, y + 0.25 * fontSize],
      ].map(([px, py]) => [matrix[0] * px! + matrix[2] * py! + matrix[4], matrix[1] * px! + matrix[3] * py! + matrix[5]] as const);
      boxes.push({
        text,
        x0: Math.min(...corners.map((c) => c[0])),
        y0: Math.min(...corners.map((c) => c[1])),
        x1: Math.max(...corners.map((c) => c[0])),
        y1: Math.max(...corners.map((c) => c[1])),
      });
    } else if ((name === 'g' || name === 'svg') && !selfClose) {
      stack.push({ fontSize, anchor, matrix });
    }
  }
  return boxes;
}

/**
 * Layout problems of a generated SVG picture: every text box (see {@link svgTextBoxes}) that
 * sticks out of the canvas (`width` × `height` of the root `<svg>`), and every pair of text boxes
 * that overlap by more than `tolerance` pixels both ways. An empty list means nothing clips or
 * collides.
 *
 * @example
 * ```ts
 * expect(svgLayoutProblems(lossCurveSvg(history, { title: 'A long title' }))).toEqual([]);
 * ```
 */
export function svgLayoutProblems(svg: string, options: { tolerance?: number } = {}): string[] {
  const tol = options.tolerance ?? 0.5;
  const root = attrs(/<svg\b([^>]*)>/.exec(svg)?.[1] ?? '');
  const width = Number.parseFloat(root.width ?? 'NaN');
  const height = Number.parseFloat(root.height ?? 'NaN');
  const problems: string[] = [];
  const boxes = svgTextBoxes(svg);
  const show = (b: SvgTextBox) => `"${b.text}" [${b.x0.toFixed(1)}, ${b.y0.toFixed(1)}, ${b.x1.toFixed(1)}, ${b.y1.toFixed(1)}]`;
  for (const b of boxes) {
    if (b.x0 < -tol || b.y0 < -tol || b.x1 > width + tol || b.y1 > height + tol) problems.push(`${show(b)} is outside the ${width}×${height} canvas`);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [p, q] = [boxes[i]!, boxes[j]!];
      const dx = Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0);
      const dy = Math.min(p.y1, q.y1) - Math.max(p.y0, q.y0);
      if (dx > tol && dy > tol) problems.push(`${show(p)} overlaps ${show(q)}`);
    }
  }
  return problems;
}
