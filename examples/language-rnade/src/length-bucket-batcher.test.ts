import { describe, expect, it } from 'vitest';
import { Rng, type SequenceData } from '@rnn-nade/core';
import { lengthBucketBatcher, sortedByLength } from './length-bucket-batcher';

const seqOf = (steps: number, id: number): SequenceData => ({ steps, dim: 1, data: new Float32Array(steps).fill(id) });

describe('lengthBucketBatcher', () => {
  const seqs = Array.from({ length: 50 }, (_, i) => seqOf(1 + ((i * 7) % 23), i));
  const total = seqs.reduce((a, s) => a + s.steps, 0);

  it('uses every frame exactly once and pads less than random batches', () => {
    const batches = lengthBucketBatcher({ poolBatches: 5 })(seqs, { batchSize: 4, rng: new Rng(1) });
    const ids = new Map<number, number>();
    let padded = 0;
    for (const b of batches) {
      padded += b.batchSize * b.steps;
      for (let i = 0; i < b.mask.length; i++) {
        if (b.mask[i]) ids.set(b.targets[i]!, (ids.get(b.targets[i]!) ?? 0) + 1);
      }
    }
    expect([...ids.values()].reduce((a, b) => a + b, 0)).toBe(total);
    for (const s of seqs) expect(ids.get(s.data[0]!)).toBe(s.steps);
    expect(padded / total).toBeLessThan(1.35);
  });

  it('is repeatable for a seed and sorts the whole set without one', () => {
    const a = lengthBucketBatcher()(seqs, { batchSize: 8, rng: new Rng(5) });
    const b = lengthBucketBatcher()(seqs, { batchSize: 8, rng: new Rng(5) });
    expect(a.map((x) => Array.from(x.targets))).toEqual(b.map((x) => Array.from(x.targets)));
    const v = lengthBucketBatcher()(seqs, { batchSize: 8 });
    const steps = v.map((x) => x.steps);
    expect(steps).toEqual([...steps].sort((x, y) => x - y));
    expect(sortedByLength(seqs).map((s) => s.steps)).toEqual(seqs.map((s) => s.steps).sort((x, y) => x - y));
  });
});
