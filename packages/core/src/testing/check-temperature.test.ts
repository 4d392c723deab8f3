import { describe, expect, it } from 'vitest';
import { sampleEntropy } from './check-temperature';

describe('sampleEntropy (the temperature check’s estimate)', () => {
  it('binary, small D: plug-in entropy of whole frames (hand-computed)', () => {
    // frames 00, 00, 10, 11: probabilities 1/2, 1/4, 1/4
    const frames = Float32Array.from([0, 0, 0, 0, 1, 0, 1, 1]);
    const want = -(0.5 * Math.log(0.5) + 2 * 0.25 * Math.log(0.25));
    expect(sampleEntropy(frames, 4, 2, 'binary', 10)).toBeCloseTo(want, 12);
  });

  it('binary, D above the joint limit: sum of per-dimension entropies', () => {
    const frames = Float32Array.from([0, 0, 0, 0, 1, 0, 1, 1]);
    const h = (p: number) => -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
    expect(sampleEntropy(frames, 4, 2, 'binary', 1)).toBeCloseTo(h(0.5) + h(0.25), 12);
  });

  it('real: Σ ½ log(2πe·var) with the unbiased sample variance', () => {
    const frames = Float32Array.from([1, 10, 2, 10, 3, 13]); // dim 0: var 1; dim 1: var 3
    const want = 0.5 * Math.log(2 * Math.PI * Math.E * 1) + 0.5 * Math.log(2 * Math.PI * Math.E * 3);
    expect(sampleEntropy(frames, 3, 2, 'real', 10)).toBeCloseTo(want, 5);
  });
});
