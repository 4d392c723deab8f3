import { describe, expect, it } from 'vitest';
import { ConfigError, makeBatches, Rng, ShapeError, type SequenceData } from '@rnn-nade/core';

const seq = (frames: number[][]): SequenceData => ({ steps: frames.length, dim: frames[0]!.length, data: Float32Array.from(frames.flat()) });

describe('makeBatches', () => {
  const a = seq([
    [1, 0],
    [0, 1],
    [1, 1],
  ]);
  const b = seq([[0, 1]]);

  it('shifts inputs by one frame (zero frame first), pads and masks', () => {
    const [batch, ...rest] = makeBatches([a, b], { batchSize: 2 });
    expect(rest).toEqual([]);
    expect(batch).toMatchObject({ batchSize: 2, steps: 3, dim: 2, reset: true });
    expect(Array.from(batch!.inputs)).toEqual([0, 0, 1, 0, 0, 1, /* b */ 0, 0, 0, 0, 0, 0]);
    expect(Array.from(batch!.targets)).toEqual([1, 0, 0, 1, 1, 1, /* b */ 0, 1, 0, 0, 0, 0]);
    expect(Array.from(batch!.mask)).toEqual([1, 1, 1, 1, 0, 0]);
  });

  it('chunks a batch for truncated BPTT; later chunks continue (reset false) and start from the previous frame', () => {
    const batches = makeBatches([a, b], { batchSize: 2, chunkSteps: 2 });
    expect(batches.map((x) => [x.steps, x.reset])).toEqual([
      [2, true],
      [1, false],
    ]);
    const second = batches[1]!;
    expect(Array.from(second.inputs)).toEqual([0, 1, 0, 0]); // a's frame 1; b has ended
    expect(Array.from(second.targets)).toEqual([1, 1, 0, 0]);
    expect(Array.from(second.mask)).toEqual([1, 0]);
  });

  it('keeps the input order without rng, shuffles reproducibly with one, and skips empty sequences', () => {
    const seqs = Array.from({ length: 6 }, (_, i) => seq([[i, 0]]));
    const order = (bs: ReturnType<typeof makeBatches>) => bs.flatMap((x) => Array.from({ length: x.batchSize }, (_, k) => x.targets[k * 2]));
    expect(order(makeBatches(seqs, { batchSize: 4 }))).toEqual([0, 1, 2, 3, 4, 5]);
    const s1 = order(makeBatches(seqs, { batchSize: 4, rng: new Rng(9) }));
    expect(s1).toEqual(order(makeBatches(seqs, { batchSize: 4, rng: new Rng(9) })));
    expect(s1).not.toEqual([0, 1, 2, 3, 4, 5]);
    expect([...s1].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(makeBatches([{ steps: 0, dim: 2, data: new Float32Array(0) }, b], { batchSize: 2 })[0]!.batchSize).toBe(1);
    expect(makeBatches([], { batchSize: 2 })).toEqual([]);
  });

  it('rejects bad options and inconsistent sequences', () => {
    expect(() => makeBatches([a], { batchSize: 0 })).toThrow(ConfigError);
    expect(() => makeBatches([a], { batchSize: 1, chunkSteps: 0 })).toThrow(ConfigError);
    expect(() => makeBatches([a, seq([[1, 0, 1]])], { batchSize: 2 })).toThrow(ShapeError);
    expect(() => makeBatches([{ steps: 2, dim: 2, data: new Float32Array(3) }], { batchSize: 1 })).toThrow(ShapeError);
  });
});
