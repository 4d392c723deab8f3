import { svgLayoutProblems } from '@rnn-nade/core/testing';
import { describe, expect, it } from 'vitest';
import type { StepMeans } from './completion';
import { figure6Svg } from './figure6-svg';

function means(T: number, scale: number): StepMeans {
  const series = (k: number) => Array.from({ length: T }, (_, t) => scale * (1 + Math.sin(t + k)));
  return { error: series(0), missed: series(1), falsePositives: series(2), misplaced: series(3), correct: series(4), truth: series(5) } as StepMeans;
}

describe('figure6Svg', () => {
  it('draws the five series with a legend', () => {
    const svg = figure6Svg(means(32, 2), { title: 'K. 545/1', barSteps: 8 });
    expect(svg.match(/<polyline /g)).toHaveLength(5);
    expect(svg).toContain('>missed notes</text>');
  });

  it('measures its text: long titles, dense bar lines, large counts and small pictures never clip or overlap', () => {
    const title = 'Mozart, Piano Sonata No. 16 in C major, K. 545, first movement: 4-bar completions, 100 samples';
    for (const svg of [
      figure6Svg(means(32, 2), { title, barSteps: 8 }),
      figure6Svg(means(512, 40), { title, barSteps: 4 }),
      figure6Svg(means(64, 1500), { title, barSteps: 16, width: 480, height: 220 }),
    ]) {
      expect(svgLayoutProblems(svg)).toEqual([]);
    }
  });
});
