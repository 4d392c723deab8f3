import { describe, expect, it } from 'vitest';
import { lossCurveSvg, type TrainHistory } from '@rnn-nade/core';
import { MAX_TICKS, axisTicks, niceStep } from '@rnn-nade/core/advanced';
import { svgLayoutProblems } from '@rnn-nade/core/testing';

const epoch = (e: number, trainLoss: number, validLoss: number | null) => ({
  epoch: e,
  trainLoss,
  validLoss,
  learningRate: 1e-3,
  steps: 10 * (e + 1),
  frames: 100,
  seconds: 1,
  improved: false,
});

describe('lossCurveSvg', () => {
  const history: TrainHistory = {
    epochs: [epoch(0, 10, 9), epoch(1, 8, 7.5), epoch(2, NaN, 8), epoch(3, 6, 7.8)],
    checks: [
      { step: 10, epoch: 1, validLoss: 9 },
      { step: 20, epoch: 2, validLoss: 7.5 },
      { step: 30, epoch: 3, validLoss: 8 },
      { step: 40, epoch: 4, validLoss: 7.8 },
    ],
  };
  const svg = lossCurveSvg(history, { title: 'JSB <RNN-NADE> & co' });
  const points = (cls: string) =>
    svg
      .match(new RegExp(`class="${cls}"[^>]*points="([^"]*)"`))![1]!
      .trim()
      .split(' ');

  it('draws one polyline per curve with one point per finite value', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(points('train')).toHaveLength(3); // the NaN epoch is left out
    expect(points('valid')).toHaveLength(4);
    expect(svg).toContain('JSB &lt;RNN-NADE&gt; &amp; co');
    expect(svg).not.toContain('NaN');
  });

  it('draws lower losses lower on the picture (larger SVG y) and marks the best validation point', () => {
    const ys = points('valid').map((p) => Number(p.split(',')[1]));
    expect(ys[1]!).toBeGreaterThan(ys[0]!); // loss 7.5 < 9: further down, i.e. a larger y
    const best = svg.match(/class="best" cx="([\d.]+)" cy="([\d.]+)"/)!;
    const [bx, by] = points('valid')[1]!.split(',').map(Number);
    expect(Number(best[1])).toBeCloseTo(bx!, 2);
    expect(Number(best[2])).toBeCloseTo(by!, 2);
    expect(svg).toContain('best 7.5');
  });

  it('copes with an empty history and picks round tick steps', () => {
    expect(lossCurveSvg({ epochs: [], checks: [] })).toContain('</svg>');
    expect(niceStep(7)).toBe(2);
    expect(niceStep(0.3)).toBeCloseTo(0.1, 12); // 0.06 rounds up to 0.1
    expect(niceStep(0.2)).toBeCloseTo(0.05, 12); // 0.04 rounds up to 0.05
    expect(niceStep(0)).toBe(1);
  });

  it('stays small and finite for any values: huge, nearly equal, equal, non-finite, empty (the tick loop used to hang)', () => {
    const cases: number[][] = [[1e34, 2e34], [1e34], [1e17, 1e17 + 32], [5, 5, 5], [NaN, Infinity, -Infinity], [1.7e308, -1.7e308], [-1e-300, 1e-300], []];
    for (const values of cases) {
      const h: TrainHistory = { epochs: values.map((v, i) => epoch(i, v, null)), checks: values.map((v, i) => ({ step: i, epoch: i + 1, validLoss: v })) };
      const t0 = performance.now();
      const picture = lossCurveSvg(h);
      expect(performance.now() - t0).toBeLessThan(2000); // hang guard
      expect(picture.length).toBeLessThan(20_000);
      expect(picture).not.toMatch(/NaN|Infinity/);
      const gridLines = picture.match(/stroke="#ddd"/g) ?? [];
      expect(gridLines.length).toBeGreaterThanOrEqual(2);
      expect(gridLines.length).toBeLessThanOrEqual(MAX_TICKS);
    }
  });

  it('axisTicks is bounded and distinct for any step', () => {
    expect(axisTicks(0, 10, 2)).toEqual([0, 2, 4, 6, 8, 10]);
    const nearlyEqual = axisTicks(1e17, 1e17 + 32, 1); // 1e17 + 1 === 1e17: capped, not endless
    expect(nearlyEqual.length).toBeLessThanOrEqual(MAX_TICKS);
    expect(new Set(nearlyEqual).size).toBe(nearlyEqual.length);
    expect(axisTicks(0, Infinity, 1)).toEqual([]);
    expect(axisTicks(0, 1, 0)).toEqual([]);
    expect(axisTicks(0, 1, NaN)).toEqual([]);
  });
});

describe('lossCurveSvg layout (measured text)', () => {
  const long: TrainHistory = {
    epochs: Array.from({ length: 120 }, (_, i) => epoch(i, 12345.678 - i * 10, null)),
    checks: Array.from({ length: 120 }, (_, i) => ({ step: i, epoch: i + 1, validLoss: 12000.5 - i * 9 })),
  };
  const title = 'RNN-NADE (LSTM 150 x 2, NADE 100, dropout 0.3, attention window 16) on Piano-midi.de with a very long title indeed';

  it('never clips or overlaps text: long titles, wide tick labels, many epochs, small canvases', () => {
    for (const svg of [
      lossCurveSvg(long, { title }),
      lossCurveSvg(long, { title, width: 240, height: 160, yLabel: 'negative log-likelihood per time step in nats' }),
      lossCurveSvg({ epochs: [epoch(0, 1e34, null)], checks: [{ step: 1, epoch: 1, validLoss: 2e34 }] }, { title }),
      lossCurveSvg({ epochs: [epoch(0, 5, 5)], checks: [{ step: 1, epoch: 1, validLoss: 4.123456 }] }, { width: 200, height: 120 }),
    ]) {
      expect(svgLayoutProblems(svg)).toEqual([]);
    }
  });

  it('shortens a title that does not fit with an ellipsis, and keeps a short one whole', () => {
    expect(lossCurveSvg(long, { title, width: 240 })).toMatch(/font-size="15">RNN-NADE \(LSTM[^<]*…<\/text>/);
    expect(lossCurveSvg(long, { title: 'JSB' })).toContain('font-size="15">JSB</text>');
  });
});
