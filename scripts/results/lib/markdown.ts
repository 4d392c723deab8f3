/** Small, pure markdown helpers for the results page. */

/** A cell: text, a number (printed with `digits` decimals by the caller), or missing. */
export type Cell = string | number | null | undefined;

/** Escapes the characters that break a table cell (`|` and newlines). */
export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * A GitHub-flavoured markdown table. Numbers are printed with `digits` decimals (a minus sign
 * stays ASCII), missing cells as an em dash.
 *
 * @example
 * ```ts
 * markdownTable(['model', 'LL'], [['RNN-NADE', -5.5]], { digits: 2 }); // "| model | LL |\n|---|---|\n| RNN-NADE | -5.50 |"
 * ```
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly Cell[])[], options: { digits?: number } = {}): string {
  const digits = options.digits ?? 2;
  const cell = (c: Cell) => (c === null || c === undefined ? '—' : typeof c === 'number' ? formatNumber(c, digits) : escapeCell(c));
  const lines = [`| ${header.map(escapeCell).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) {
    if (row.length !== header.length) throw new RangeError(`Row has ${row.length} cells, header has ${header.length}.`);
    lines.push(`| ${row.map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** A number with fixed decimals; NaN/Infinity spelled out. */
export function formatNumber(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Infinity' : '-Infinity';
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** Inline code, safe for backticks inside. */
export function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** Seconds as a short human duration (`45 s`, `12.3 min`, `2.1 h`). */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 120) return `${seconds.toFixed(0)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
