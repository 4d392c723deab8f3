import { describe, expect, it } from 'vitest';
import { fitText, textWidth } from '@rnn-nade/core';
import { svgLayoutProblems, svgTextBoxes } from '@rnn-nade/core/testing';

describe('textWidth / fitText', () => {
  it('sums Helvetica advance widths × 1.12 (hand-computed)', () => {
    // "Hi." = H 722 + i 222 + . 278 = 1222 units
    expect(textWidth('Hi.', 10)).toBeCloseTo(1.222 * 10 * 1.12, 10);
    expect(textWidth('', 10)).toBe(0);
    expect(textWidth('é', 10)).toBeCloseTo(0.6 * 10 * 1.12, 10);
    expect(textWidth('音', 10)).toBeCloseTo(1 * 10 * 1.12, 10);
  });

  it('fitText keeps short texts and ellipsises long ones to the width', () => {
    expect(fitText('short', 100, 10)).toBe('short');
    const fitted = fitText('A very long title for a small picture', 120, 13);
    expect(fitted.endsWith('…')).toBe(true);
    expect(textWidth(fitted, 13)).toBeLessThanOrEqual(120);
    expect(textWidth(`${fitted.slice(0, -1)}e…`, 13)).toBeGreaterThan(textWidth(fitted, 13));
  });
});

describe('svgTextBoxes / svgLayoutProblems', () => {
  it('places boxes by anchor, inherited font size and transforms', () => {
    const svg = [
      '<svg width="200" height="100" font-size="10">',
      '<text x="100" y="50" text-anchor="middle">ab</text>',
      '<g font-size="20" text-anchor="end"><text x="200" y="90">W</text></g>',
      '<text transform="translate(14 50) rotate(-90)" text-anchor="middle">axis</text>',
      '</svg>',
    ].join('');
    const [mid, end, rotated] = svgTextBoxes(svg);
    const ab = textWidth('ab', 10);
    expect(mid!.x0).toBeCloseTo(100 - ab / 2, 9);
    expect(mid!.x1).toBeCloseTo(100 + ab / 2, 9);
    expect([mid!.y0, mid!.y1]).toEqual([42, 52.5]);
    expect(end!.x1).toBeCloseTo(200, 9);
    expect(end!.x0).toBeCloseTo(200 - textWidth('W', 20), 9);
    // rotated -90° about (14, 50): the text runs upwards, its height becomes the box's width
    const axis = textWidth('axis', 10); // font size inherited from <svg>
    expect(rotated!.y0).toBeCloseTo(50 - axis / 2, 9);
    expect(rotated!.y1).toBeCloseTo(50 + axis / 2, 9);
    expect(rotated!.x0).toBeCloseTo(14 - 0.8 * 10, 9);
    expect(rotated!.x1).toBeCloseTo(14 + 0.25 * 10, 9);
  });

  it('reports text outside the canvas and overlapping labels, and nothing for a clean picture', () => {
    const clean = '<svg width="300" height="40" font-size="10"><text x="4" y="14">left</text><text x="296" y="14" text-anchor="end">right</text></svg>';
    expect(svgLayoutProblems(clean)).toEqual([]);
    const bad = '<svg width="60" height="40" font-size="10"><text x="4" y="14">a long label</text><text x="20" y="16">x</text></svg>';
    const problems = svgLayoutProblems(bad);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^"a long label" .* is outside the 60×40 canvas$/);
    expect(problems[1]).toMatch(/^"a long label" .* overlaps "x"/);
  });
});
