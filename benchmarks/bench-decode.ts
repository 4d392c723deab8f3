/**
 * Benchmark of `@rnn-nade/data-text`'s nearest-word decoder at the scale of the full GloVe 6B
 * vocabulary: a synthetic 400,000 × 50 matrix (standard normal rows), exact brute-force cosine
 * top-k. Prints ms per query for single queries and for batches.
 *
 * Run: `npx tsx benchmarks/bench-decode.ts [--words 400000] [--dim 50] [--queries 20] [--batch 256]`
 */
import { Rng } from '@rnn-nade/core';
import { NearestWordDecoder, createWordVectors } from '@rnn-nade/data-text';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const words = arg('words', 400_000);
const dim = arg('dim', 50);
const singles = arg('queries', 20);
const batch = arg('batch', 256);
const rng = new Rng(1);

let t = performance.now();
const matrix = rng.normals(words * dim);
const vocab = createWordVectors(Array.from({ length: words }, (_, i) => `w${i}`), matrix, dim);
console.log(`synthetic ${words} x ${dim} matrix: ${(performance.now() - t).toFixed(0)} ms`);

t = performance.now();
const decoder = new NearestWordDecoder(vocab);
console.log(`decoder construction (row normalisation): ${(performance.now() - t).toFixed(0)} ms`);

for (const k of [1, 10]) {
  decoder.nearest(rng.normals(dim), k); // warm-up
  t = performance.now();
  for (let q = 0; q < singles; q++) {
    // A perturbed word vector, so the answer is known.
    const target = rng.int(words);
    const query = matrix.slice(target * dim, (target + 1) * dim).map((x) => x + 0.05 * rng.normal());
    const best = decoder.nearest(query, k)[0]!;
    if (best.index !== target) throw new Error(`query ${q}: expected w${target}, got ${best.word}`);
  }
  const single = (performance.now() - t) / singles;
  t = performance.now();
  decoder.nearestMany(rng.normals(batch * dim), k);
  const batched = (performance.now() - t) / batch;
  console.log(`k=${k}: single query ${single.toFixed(1)} ms/query; batch of ${batch} ${batched.toFixed(2)} ms/query`);
}
