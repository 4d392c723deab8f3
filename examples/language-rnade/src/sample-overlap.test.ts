import { describe, expect, it } from 'vitest';
import { countNgrams } from './ngram-baselines';
import { bigramOverlap, unigramSamples } from './sample-overlap';

// corpus over a=0, b=1, c=2, d=3: "a b c", "b c a"  → bigrams ab, bc, ca
const counts = countNgrams([Int32Array.from([0, 1, 2]), Int32Array.from([1, 2, 0])], 4);

describe('bigramOverlap', () => {
  it('counts adjacent sample pairs that are corpus bigrams, within each sample only', () => {
    // pairs: ab (yes), bd (no) | ca (yes), ac (no)  → 2 of 4; the samples' boundary d→c is not a pair
    expect(bigramOverlap([Int32Array.from([0, 1, 3]), Int32Array.from([2, 0, 2])], counts)).toEqual({ pairs: 4, inCorpus: 2, fraction: 0.5 });
    expect(bigramOverlap([Int32Array.from([0])], counts)).toEqual({ pairs: 0, inCorpus: 0, fraction: 0 });
  });
});

describe('unigramSamples', () => {
  it('draws words in proportion to their counts, reproducibly, never an unseen word', () => {
    const a = unigramSamples(counts, { count: 400, length: 10, seed: 3 });
    const b = unigramSamples(counts, { count: 400, length: 10, seed: 3 });
    expect(a).toEqual(b);
    expect(a).toHaveLength(400);
    const flat = a.flatMap((s) => [...s]);
    const share = (w: number) => flat.filter((x) => x === w).length / flat.length;
    for (const w of [0, 1, 2]) expect(share(w)).toBeCloseTo(1 / 3, 1); // each seen twice in 6 tokens
    expect(share(3)).toBe(0);
  });
});
