import { describe, expect, it } from 'vitest';
import { Rng } from '@rnn-nade/core';
import { MAX_MUTANT_BYTES, MIDI_MUTATIONS, TEXT_MUTATIONS, mutate } from './mutate';

const sample = new TextEncoder().encode('the 0.418 0.24968 -0.41242\n, 0.013441 0.23682 -0.16899\n');

describe('fuzz mutations', () => {
  it('every mutation accepts empty, tiny and ordinary inputs without throwing or touching its input', () => {
    const rng = new Rng(5);
    for (const m of [...MIDI_MUTATIONS, ...TEXT_MUTATIONS]) {
      for (const src of [new Uint8Array(0), Uint8Array.of(0x4d), Uint8Array.from({ length: 17 }, (_, i) => i), sample]) {
        const copy = src.slice();
        for (let k = 0; k < 8; k++) expect(m.apply(src, sample, rng)).toBeInstanceOf(Uint8Array);
        expect(src).toEqual(copy);
      }
    }
  });

  it('a seed repeats the same mutants, and mutants stay under the size cap', () => {
    const run = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 60 }, () => mutate(sample, sample, rng, TEXT_MUTATIONS));
    };
    const a = run(42);
    const b = run(42);
    expect(a.map((m) => m.applied)).toEqual(b.map((m) => m.applied));
    expect(a.every((m, i) => Buffer.compare(m.bytes, b[i]!.bytes) === 0)).toBe(true);
    expect(Math.max(...a.map((m) => m.bytes.length))).toBeLessThanOrEqual(MAX_MUTANT_BYTES);
    expect(new Set(a.flatMap((m) => m.applied)).size).toBe(TEXT_MUTATIONS.length);
    expect(a.filter((m) => Buffer.compare(m.bytes, sample) !== 0).length).toBeGreaterThan(50);
  });
});
