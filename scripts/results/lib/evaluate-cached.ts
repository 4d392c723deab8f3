/**
 * Evaluations of committed models for the results page, computed once per page (sections 10 and
 * 12 share them) and kept on disk in `.cache/results/evaluations.json` (git-ignored) so that
 * `npm run results` with nothing new does not evaluate again. An entry is used only when the
 * model files, the evaluated sequences, the options, the backend and the committed `packages/`
 * tree are all the same; with uncommitted changes under `packages/` nothing is read from disk.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SequenceModel, type EvaluationResult, type SequenceData } from '@rnn-nade/core/node';
import type { ResultsContext } from '../context';

/** What is evaluated: the samples per frame for the accuracy and their seed. */
export interface CachedEvalOptions {
  readonly samples: number;
  readonly seed: number;
}

const memory = new Map<string, EvaluationResult>();

/** Forgets the evaluations kept in memory (the disk cache stays): for tests. */
export function forgetEvaluations(): void {
  memory.clear();
}

/** Hex SHA-256 of the model files (model.json and weights) of `dir`. */
async function modelHash(dir: string): Promise<string> {
  const h = createHash('sha256');
  const files = (await readdir(dir)).filter((f) => f === 'model.json' || /^weights.*\.bin$/.test(f)).sort();
  for (const f of files) h.update(f).update(await readFile(join(dir, f)));
  return h.digest('hex');
}

/** Hex SHA-256 of a list of sequences (steps, dim and frames). */
export function sequencesHash(seqs: readonly SequenceData[]): string {
  const h = createHash('sha256');
  for (const s of seqs) h.update(`${s.steps}x${s.dim};`).update(Buffer.from(s.data.buffer, s.data.byteOffset, s.data.byteLength));
  return h.digest('hex');
}

/** The committed tree of `packages/` when it has no uncommitted change, else null (then no disk cache). */
function cleanPackagesTree(repoRoot: string): string | null {
  try {
    const git = (...args: string[]) => execFileSync('git', ['-C', repoRoot, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return git('status', '--porcelain', '--', 'packages') === '' ? git('rev-parse', 'HEAD:packages') : null;
  } catch {
    return null;
  }
}

/**
 * `model.evaluate(seqs, options)` of the committed model in `dir`, from the page's memory or the
 * disk cache when an identical evaluation was done before.
 *
 * @example
 * ```ts
 * const r = await evaluateCommitted(ctx, join(ctx.modelsDir, 'jsb-rnn-nade'), jsb.test, { samples: 1, seed: 0 });
 * ```
 */
export async function evaluateCommitted(
  ctx: ResultsContext,
  dir: string,
  seqs: readonly SequenceData[],
  options: CachedEvalOptions,
): Promise<EvaluationResult> {
  const key = createHash('sha256')
    .update(JSON.stringify({ model: await modelHash(dir), data: sequencesHash(seqs), options, backend: ctx.backend }))
    .digest('hex');
  const hit = memory.get(key);
  if (hit) return hit;
  const tree = cleanPackagesTree(ctx.repoRoot);
  const file = join(ctx.repoRoot, '.cache/results/evaluations.json');
  const disk: Record<string, { tree: string; result: EvaluationResult }> = existsSync(file) ? JSON.parse(await readFile(file, 'utf8')) : {};
  const stored = disk[key];
  if (tree !== null && stored?.tree === tree) {
    memory.set(key, stored.result);
    return stored.result;
  }
  const { model } = await SequenceModel.load(dir);
  let result: EvaluationResult;
  try {
    result = await model.evaluate(seqs as SequenceData[], { samples: options.samples, seed: options.seed });
  } finally {
    model.dispose();
  }
  memory.set(key, result);
  if (tree !== null) {
    disk[key] = { tree, result };
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(disk)}\n`);
  }
  return result;
}
