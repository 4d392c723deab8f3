import { describe, expect, it } from 'vitest';
import { pianoRollSvg } from './piano-roll-svg';

/** Checks that tags balance (a cheap well-formedness test without a DOM). */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]!);
  }
  return stack.length === 0;
}

describe('pianoRollSvg', () => {
  const truth = { stepsPerQuarter: 4, steps: [[60, 64], [60, 64], [67], [], [72]] };
  const generated = { steps: [[60], [62], [67], [67], []] };

  it('draws one rect per held note, sized by steps and pitch rows', () => {
    const svg = pianoRollSvg(truth, { stepWidth: 10, rowHeight: 5, title: 'a < b' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(balanced(svg)).toBe(true);
    expect(svg).toContain('a &lt; b');
    const notes = svg.split('<g class="roll"')[1]!.split('</g>')[0]!.match(/<rect /g) ?? [];
    expect(notes.length).toBe(4); // 60 held 2 steps, 64 held 2, 67, 72
    expect(svg).toMatch(/<rect x="\d+" y="\d+" width="20" height="5"\/>/); // a 2-step note
    expect(svg).toContain('>C4<');
  });

  it('overlays a second roll in another colour with a legend', () => {
    const svg = pianoRollSvg(truth, { overlay: generated, label: 'true', overlayLabel: 'generated', overlayColor: '#d62728' });
    expect(balanced(svg)).toBe(true);
    const overlay = svg.split('<g class="overlay"')[1]!.split('</g>')[0]!;
    expect(overlay.match(/<rect /g)!.length).toBe(3); // 60, 62, 67 held 2 steps
    expect(svg).toContain('fill="#d62728"');
    expect(svg).toContain('>generated<');
  });

  it('drum rolls get one named row per class; empty rolls still render', () => {
    const svg = pianoRollSvg({ drums: true, steps: [[36, 42], [42], [38, 42]] });
    expect(balanced(svg)).toBe(true);
    expect(svg).toContain('>closed-hihat<');
    expect(svg.split('<g class="roll"')[1]!.split('</g>')[0]!.match(/<rect /g)!.length).toBe(5);
    expect(balanced(pianoRollSvg({ steps: [] }))).toBe(true);
  });
});
