import { describe, expect, it } from 'vitest';
import { svgLayoutProblems } from '@rnn-nade/core/testing';
import { learningCurveSvg } from './learning-curve-svg';

describe('learningCurveSvg', () => {
  const series = [
    {
      label: 'train',
      color: '#1f77b4',
      points: [
        [1, 10],
        [2, 4],
        [3, NaN],
      ] as [number, number][],
    },
    { label: 'Gaussian <valid>', color: '#2ca02c', constant: 30 },
  ];
  it('draws one path per curve, a dashed line per constant, escaped labels, deterministically', () => {
    const svg = learningCurveSvg(series, { title: 'T & U' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('T &amp; U');
    expect(svg).toContain('Gaussian &lt;valid&gt;');
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg.match(/<circle /g)).toHaveLength(2); // NaN point left out
    expect(svg).toMatch(/stroke="#2ca02c" stroke-width="1.5" stroke-dasharray/);
    expect(learningCurveSvg(series, { title: 'T & U' })).toBe(svg);
  });
  it('puts lower NLL lower on the picture', () => {
    const svg = learningCurveSvg(
      [
        {
          label: 'a',
          color: '#000',
          points: [
            [1, 10],
            [2, 0],
          ],
        },
      ],
      { title: 't' },
    );
    const ys = [...svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ys[1]!).toBeGreaterThan(ys[0]!);
  });
  it('zooms on late epochs: drops earlier points and constants outside the range', () => {
    const svg = learningCurveSvg(series, { title: 'z', xMin: 2, constantsInRange: false });
    expect(svg.match(/<circle /g)).toHaveLength(1);
    expect(svg).not.toMatch(/stroke="#2ca02c" stroke-width="1.5"/);
    expect(svg).toContain('>2</text>');
    expect(svg).toContain('Gaussian &lt;valid&gt; (30, off scale)');
  });
  it('measures its text: long titles, legend labels and the zoom never clip or overlap', () => {
    const long = [
      {
        label: 'RNN-RNADE (LSTM 100, RNADE H 64 K 2) held-out NLL per vector',
        color: '#d62728',
        points: [
          [1, -20],
          [40, -26.9],
        ] as [number, number][],
      },
      { label: 'frame-independent RNADE, the same budget of epochs', color: '#1f77b4', constant: -26.5 },
      { label: 'diagonal Gaussian', color: '#2ca02c', constant: 30.41 },
    ];
    const title = 'WikiText-2: learning curves of RNN-RNADE beside its frame-independent baselines';
    for (const svg of [
      learningCurveSvg(long, { title }),
      learningCurveSvg(long, { title, xMin: 30, constantsInRange: false, width: 520, height: 260 }),
      learningCurveSvg(series, { title: 't', yLabel: 'a y-axis label far longer than the plot is high', height: 200 }),
    ]) {
      expect(svgLayoutProblems(svg)).toEqual([]);
    }
  });
});
