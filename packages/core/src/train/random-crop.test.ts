import { describe, expect, it } from 'vitest';
import { ConfigError, Rng, randomCrop, type SequenceData } from '@rnn-nade/core';

const seq = (steps: number, dim = 3): SequenceData => ({ steps, dim, data: Float32Array.from({ length: steps * dim }, (_, i) => i) });

describe('randomCrop', () => {
  it('crops long sequences to a contiguous window at a seeded offset and keeps short ones', () => {
    const long = seq(50);
    const short = seq(7);
    const crop = randomCrop(10);
    const [a, b] = crop([long, short], new Rng(4));
    expect(b).toBe(short);
    expect(a!.steps).toBe(10);
    const start = a!.data[0]! / 3;
    expect(Number.isInteger(start) && start >= 0 && start <= 40).toBe(true);
    expect(Array.from(a!.data)).toEqual(Array.from(long.data.slice(start * 3, (start + 10) * 3)));
    expect(crop([long], new Rng(4))[0]!.data).toEqual(a!.data); // same seed, same window
    a!.data[0] = -1;
    expect(long.data[start * 3]).toBe(start * 3); // a copy, not a view
  });

  it('covers every offset over many draws and rejects bad windows', () => {
    const rng = new Rng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 400; i++) seen.add(randomCrop(4)([seq(8, 1)], rng)[0]!.data[0]!);
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(() => randomCrop(0)).toThrow(ConfigError);
    expect(() => randomCrop(2.5)).toThrow(ConfigError);
  });
});
