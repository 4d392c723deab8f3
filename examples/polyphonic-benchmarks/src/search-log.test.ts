import { describe, expect, it } from 'vitest';
import { curvesSvg } from './curves-svg';
import { resolveRunConfig } from './run-config';
import { bestRecords, configLabel, makeRecord, parseRecords } from './search-log';

describe('search log', () => {
  const cfg = resolveRunConfig({ hidden: 200, attentionWindow: 8, lr: 0.002, lrDecay: 0.98, transpose: 6 });

  it('finds the best epoch and ignores NaN epochs', () => {
    const r = makeRecord('a', cfg, { train: [9, 8, 7, 6], valid: [9.5, NaN, 7.25, 7.5] }, 12, 'wasm');
    expect(r.bestValidLoss).toBe(7.25);
    expect(r.bestEpoch).toBe(2);
    expect(r.epochs).toBe(4);
  });

  it('parses JSON lines, skipping a torn last line, and ranks by best valid loss', () => {
    const a = makeRecord('a', cfg, { train: [1], valid: [7] }, 1, 'wasm');
    const b = makeRecord('b', cfg, { train: [1], valid: [6] }, 1, 'wasm');
    const c = makeRecord('c', cfg, { train: [1], valid: [NaN] }, 1, 'wasm');
    const text = `${JSON.stringify(a)}\n\n${JSON.stringify(c)}\n${JSON.stringify(b)}\n{"id": "torn`;
    const records = parseRecords(text);
    expect(records.map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect(bestRecords(records, 2).map((r) => r.id)).toEqual(['b', 'a']);
  });

  it('labels configs compactly', () => {
    expect(configLabel(cfg)).toBe('h200x1 a8 d0 n100 lr2e-3 ×0.98 b16 T6');
  });

  it('draws one polyline per curve, scaled into the plot, with escaped labels', () => {
    const svg = curvesSvg(
      [
        { label: 'a<b', values: [9, 8, 7] },
        { label: 'c', values: [8, NaN, 6] },
      ],
      { title: 'T' },
    );
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('a&lt;b');
    expect(svg).not.toContain('NaN');
    const ys = [...svg.matchAll(/points="([^"]+)"/g)].flatMap((m) => m[1]!.split(' ').map((p) => Number(p.split(',')[1])));
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(36);
    expect(Math.max(...ys)).toBeLessThanOrEqual(420 - 44);
  });
});
