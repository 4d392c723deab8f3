import { svgLayoutProblems } from '@rnn-nade/core/testing';
import { describe, expect, it } from 'vitest';
import { curvesSvg } from './curves-svg';

describe('curvesSvg', () => {
  it('draws one polyline per curve with finite points, and a legend entry each', () => {
    const svg = curvesSvg([
      { label: 'run 1', values: [9.1, 8, NaN, 7.4] },
      { label: 'run 2', values: [NaN] },
    ]);
    expect(svg.match(/<polyline /g)).toHaveLength(1);
    expect(svg).toContain('>run 1</text>');
    expect(svg).toContain('>run 2</text>');
  });

  it('measures its text: long labels, many curves, large values and long titles never clip or overlap', () => {
    const curves = Array.from({ length: 10 }, (_, i) => ({
      label: `lr ${(1e-3 * (i + 1)).toFixed(4)}, LSTM ${150 + 50 * i}, NADE ${100 + 25 * i}, dropout 0.${i}, attention window ${4 * i}`,
      values: [12345.678 - i, 9000.5 - 10 * i, 8000 - i],
    }));
    const title = 'JSB Chorales random search: validation NLL per frame of the best runs, by epoch, 2.5 minutes each';
    for (const svg of [curvesSvg(curves, { title }), curvesSvg(curves.slice(0, 2), { title, width: 200, height: 120 })]) {
      expect(svgLayoutProblems(svg)).toEqual([]);
    }
  });
});
