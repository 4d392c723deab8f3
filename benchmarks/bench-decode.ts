/**
 * Benchmark of `@rnn-nade/data-text` at the scale of the full GloVe 6B vocabulary (400,000 words):
 * 1. the nearest-word decoder on a synthetic 400,000 × 50 matrix (standard normal rows), exact
 *    brute-force cosine top-k — ms per query for single queries and for a batch;
 * 2. the GloVe text reader on synthetic lines in the real file's number format (`--read-words`).
 * Prints wall and process CPU time (the machine may be shared; CPU time is the fairer figure).
 *
 * Run: `npx tsx benchmarks/bench-decode.ts [--words 400000] [--dim 50] [--queries 20] [--batch 256] [--read-words 400000]`
 */
import { Rng } from '@rnn-nade/core/node';
import { NearestWordDecoder, createWordVectors, readGloveVectors } from '@rnn-nade/data-text/node';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'bench-decode' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function timed<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = f();
  const wall = performance.now() - t;
  const dc = process.cpuUsage(c);
  return { value, wall, cpu: (dc.user + dc.system) / 1000 };
}

const words = arg('words', 400_000);
const dim = arg('dim', 50);
const singles = arg('queries', 20);
const batch = arg('batch', 256);
const readWords = arg('read-words', 400_000);
const rng = new Rng(1);

const matrix = rng.normals(words * dim);
const vocab = createWordVectors(
  Array.from({ length: words }, (_, i) => `w${i}`),
  matrix,
  dim,
);
const built = timed(() => new NearestWordDecoder(vocab));
const decoder = built.value;
console.log(`decoder over ${words} x ${dim}: construction (row normalisation) ${built.wall.toFixed(0)} ms`);

for (const k of [1, 10]) {
  decoder.nearest(rng.normals(dim), k); // warm-up
  const targets = Array.from({ length: singles }, () => rng.int(words));
  // Perturbed word vectors, so the right answer is known.
  const queries = targets.map((t) => matrix.slice(t * dim, (t + 1) * dim).map((x) => x + 0.05 * rng.normal()));
  const single = timed(() => queries.map((q) => decoder.nearest(q, k)[0]!.index));
  single.value.forEach((got, i) => {
    if (got !== targets[i]) throw new Error(`query ${i}: expected w${targets[i]}, got w${got}`);
  });
  const many = timed(() => decoder.nearestMany(rng.normals(batch * dim), k));
  console.log(
    `k=${k}: single query ${(single.wall / singles).toFixed(1)} ms/query (cpu ${(single.cpu / singles).toFixed(1)}); ` +
      `batch of ${batch}: ${(many.wall / batch).toFixed(1)} ms/query (cpu ${(many.cpu / batch).toFixed(1)})`,
  );
}

if (readWords > 0) {
  // Lines like the real file's: 5-7 significant digits, some negative.
  const chunkLines = 1000;
  const chunks: string[] = [];
  for (let s = 0; s < readWords; s += chunkLines) {
    let text = '';
    for (let i = s; i < Math.min(readWords, s + chunkLines); i++) {
      text += `w${i}`;
      for (let j = 0; j < dim; j++) text += ` ${(rng.normal() * 0.5).toPrecision(5)}`;
      text += '\n';
    }
    chunks.push(text);
  }
  const mb = chunks.reduce((n, c) => n + c.length, 0) / 1e6;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const v = await readGloveVectors(chunks);
  const wall = performance.now() - t0;
  const dc = process.cpuUsage(c0);
  console.log(
    `readGloveVectors: ${v.words.length} words x ${v.dim} (${mb.toFixed(0)} MB of text) in ${wall.toFixed(0)} ms ` +
      `(cpu ${((dc.user + dc.system) / 1000).toFixed(0)} ms) = ${(v.words.length / (wall / 1000)).toFixed(0)} words/s`,
  );
}
