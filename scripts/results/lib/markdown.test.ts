import { describe, expect, it } from 'vitest';
import { code, escapeCell, formatDuration, formatNumber, markdownTable } from './markdown';
import { assemblePage } from './page';

describe('markdown helpers', () => {
  it('renders a table with fixed decimals, dashes for missing cells and escaped pipes', () => {
    const t = markdownTable(
      ['model', 'LL', 'acc'],
      [
        ['a|b', -5.5612, null],
        ['c', -0.0001, '31 %'],
      ],
      { digits: 2 },
    );
    expect(t).toBe('| model | LL | acc |\n|---|---|---|\n| a\\|b | -5.56 | — |\n| c | 0.00 | 31 % |');
  });

  it('rejects ragged rows', () => {
    expect(() => markdownTable(['a', 'b'], [['x']])).toThrow(/1 cells, header has 2/);
  });

  it('formats numbers, durations and code spans', () => {
    expect(formatNumber(-11.0614, 2)).toBe('-11.06');
    expect(formatNumber(Number.NEGATIVE_INFINITY, 2)).toBe('-Infinity');
    expect(formatNumber(Number.NaN, 2)).toBe('NaN');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(1500)).toBe('25.0 min');
    expect(formatDuration(9000)).toBe('2.5 h');
    expect(formatDuration(null)).toBe('—');
    expect(code('npm run results')).toBe('`npm run results`');
    expect(code('a`b')).toBe('`` a`b ``');
    expect(escapeCell('x\ny')).toBe('x y');
  });

  it('assembles a deterministic page with an error block for a failed section', () => {
    const sections = [
      { file: '10-a.ts', markdown: '## A\n\ntext\n' },
      { file: '20-b.ts', markdown: '', error: 'boom' },
    ];
    const page = assemblePage(sections, { backend: 'wasm', command: 'npm run results' });
    expect(page).toBe(assemblePage(sections, { backend: 'wasm', command: 'npm run results' }));
    expect(page.startsWith('---\ntitle: Results\ngroup: Project\n---\n\n<!-- GENERATED FILE')).toBe(true);
    expect(page).toContain('## A\n\ntext\n\n> **Section `20-b.ts` failed to render:** boom\n');
    expect(page.endsWith('\n')).toBe(true);
  });
});
