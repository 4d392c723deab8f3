import { describe, expect, it } from 'vitest';
import { Rng } from '@rnn-nade/core';
import { NearestWordDecoder, TextDataError, createWordVectors, getWordVector, readGloveVectors } from '@rnn-nade/data-text';
import { glovePath } from './__fixtures__/data-dir';

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! ** 2;
    bb += b[i]! ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('NearestWordDecoder', () => {
  it("decodes every word's own vector (and any positive multiple) to that word", async () => {
    const glove = await readGloveVectors(glovePath);
    const decoder = new NearestWordDecoder(glove);
    const all = decoder.nearestMany(glove.matrix, 1);
    const wrong = all.filter((c, i) => c[0]!.word !== glove.words[i]);
    expect(wrong).toEqual([]);
    expect(Math.min(...all.map((c) => c[0]!.similarity))).toBeGreaterThan(0.999999);
    const king = getWordVector(glove, 'king')!;
    expect(
      decoder.nearest(
        king.map((x) => 3.7 * x),
        1,
      )[0]!.word,
    ).toBe('king');
  });

  it('returns the exact top-k by cosine similarity, best first, against an independent scan', async () => {
    const glove = await readGloveVectors(glovePath);
    const decoder = new NearestWordDecoder(glove, { blockRows: 333 });
    const rng = new Rng(3);
    for (let q = 0; q < 5; q++) {
      const query = rng.normals(50);
      const sims = glove.words.map((w, i) => ({ w, s: cosine(query, glove.matrix.subarray(i * 50, i * 50 + 50)) }));
      sims.sort((a, b) => b.s - a.s);
      const got = decoder.nearest(query, 10);
      expect(got.map((g) => g.word)).toEqual(sims.slice(0, 10).map((x) => x.w));
      got.forEach((g, i) => {
        expect(g.similarity).toBeCloseTo(sims[i]!.s, 5);
      });
    }
    const near = decoder.nearest(getWordVector(glove, 'king')!, 3).map((x) => x.word);
    expect(near[0]).toBe('king');
    expect(near).toContain('prince');
  });

  it('skips excluded words, handles zero queries, k larger than the vocabulary, and bad input', () => {
    const v = createWordVectors(['a', 'b', 'z'], Float32Array.from([1, 0, 0.8, 0.6, 0, 0]), 2);
    const decoder = new NearestWordDecoder(v, { exclude: ['a', 'not-there'] });
    expect(decoder.nearest([1, 0], 1)).toEqual([{ word: 'b', index: 1, similarity: expect.closeTo(0.8, 6) }]);
    const plain = new NearestWordDecoder(v);
    expect(plain.nearest([1, 0], 5).map((x) => x.word)).toEqual(['a', 'b', 'z']);
    expect(plain.nearest([0, 0], 1)[0]!.similarity).toBe(0);
    expect(plain.nearest([-2, 0], 1)[0]!.word).toBe('z'); // zero row scores 0, beats negative ones
    expect(() => plain.nearest([1, 0, 0])).toThrow(TextDataError);
    expect(() => plain.nearest([1, 0], 0)).toThrow(TextDataError);
    const seq = { steps: 2, dim: 2, data: Float32Array.from([0.1, 0, 0.8, 0.61]) };
    const d = plain.decodeSequence(seq, { k: 2 });
    expect(d.words).toEqual(['a', 'b']);
    expect(d.candidates[1]!.map((c) => c.word)).toEqual(['b', 'a']);
    expect(d.similarities[0]).toBeCloseTo(1, 6);
    expect(() => plain.decodeSequence({ steps: 1, dim: 3, data: new Float32Array(3) })).toThrow(TextDataError);
  });
});
