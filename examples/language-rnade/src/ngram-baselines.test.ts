import { describe, expect, it } from 'vitest';
import { BigramModel, countNgrams, fitBigramDiscount, unigramLogProbs } from './ngram-baselines';

// toy corpus over V = 3 words a=0, b=1, c=2: "a b a b", "a c"
const corpus = [Int32Array.from([0, 1, 0, 1]), Int32Array.from([0, -1, 2])];

describe('countNgrams', () => {
  it('counts unigrams and bigrams with the sentence start as history V, skipping OOV ids', () => {
    const c = countNgrams(corpus, 3);
    expect([...c.unigram]).toEqual([3, 2, 1]);
    expect(c.tokens).toBe(6);
    expect(Object.fromEntries(c.bigram.get(3)!)).toEqual({ 0: 2 }); // both sentences start with a
    expect(Object.fromEntries(c.bigram.get(0)!)).toEqual({ 1: 2, 2: 1 }); // a→b twice, a→c once (OOV skipped)
    expect(Object.fromEntries(c.bigram.get(1)!)).toEqual({ 0: 1 });
    expect(() => countNgrams([Int32Array.from([5])], 3)).toThrow(/outside the vocabulary of 3/);
  });
});

describe('unigram and bigram probabilities', () => {
  it('add-one unigram: (count + 1) / (tokens + V)', () => {
    const lp = unigramLogProbs(countNgrams(corpus, 3));
    expect([...lp].map(Math.exp)).toEqual([4 / 9, 3 / 9, 2 / 9].map((x) => expect.closeTo(x, 12)));
  });

  it('absolute discounting interpolates with the unigram and sums to one', () => {
    const m = new BigramModel(countNgrams(corpus, 3), 0.5);
    const p = [...m.logProbs(0)].map(Math.exp); // history a: c(a)=3, N(a)=2, backoff 0.5*2/3 = 1/3
    expect(p[0]).toBeCloseTo((1 / 3) * (4 / 9), 12);
    expect(p[1]).toBeCloseTo(1.5 / 3 + (1 / 3) * (3 / 9), 12);
    expect(p[2]).toBeCloseTo(0.5 / 3 + (1 / 3) * (2 / 9), 12);
    expect(p.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    // an unseen history (c) falls back to the unigram
    expect([...m.logProbs(2)].map(Math.exp)[0]).toBeCloseTo(4 / 9, 12);
    expect(() => new BigramModel(countNgrams(corpus, 3), 1)).toThrow(/in \(0, 1\)/);
  });

  it('fits the discount on held-out text: a held-out text of unseen bigrams wants a large discount', () => {
    const counts = countNgrams(corpus, 3);
    const seen = fitBigramDiscount(counts, [Int32Array.from([0, 1, 0, 1])]);
    const unseen = fitBigramDiscount(counts, [Int32Array.from([1, 2, 2, 1, 1])]);
    expect(seen.discount).toBe(0.1);
    expect(unseen.discount).toBe(0.9);
    const ll = seen.logLikelihood([Int32Array.from([0, 1])]);
    expect(ll.words).toBe(2);
    expect(ll.sum).toBeCloseTo(Math.log(seen.logProbs(3).map(Math.exp)[0]!) + seen.logProbs(0)[1]!, 12);
  });
});
