import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SequenceModel, getEstimatorFactory, initBackend } from '@rnn-nade/core/node';
import '@rnn-nade/estimator-bernoulli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsContext } from '../context';
import { evaluateCommitted, forgetEvaluations } from './evaluate-cached';

const D = 5;
const seqs = [3, 6].map((steps, i) => ({ steps, dim: D, data: Float32Array.from({ length: steps * D }, (_, j) => ((j * 7 + i) % 3 === 0 ? 1 : 0)) }));

describe('evaluateCommitted', () => {
  let root: string;
  let ctx: ResultsContext;
  const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { stdio: 'ignore' });
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'results-cache-'));
    const backend = await initBackend({ log: null });
    ctx = { repoRoot: root, modelsDir: join(root, 'models'), docsDir: join(root, 'docs'), dataDir: undefined, backend, accuracySamples: 1, log: () => {} };
    const model = SequenceModel.create({ encoder: { inputDim: D, hidden: 3 }, estimator: getEstimatorFactory('bernoulli').fromConfig({ dim: D }), seed: 2 });
    await model.save(join(root, 'models/m'));
    model.dispose();
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("returns the model's evaluation, and keeps it on disk only for a clean committed packages/ tree", async () => {
    const dir = join(root, 'models/m');
    const { model } = await SequenceModel.load(dir);
    const direct = await model.evaluate(seqs, { samples: 2, seed: 0 });
    model.dispose();
    const first = await evaluateCommitted(ctx, dir, seqs, { samples: 2, seed: 0 });
    expect(first).toEqual(direct);
    expect(existsSync(join(root, '.cache/results/evaluations.json'))).toBe(false); // not a git repository

    await mkdir(join(root, 'packages'), { recursive: true });
    await writeFile(join(root, 'packages/x.ts'), 'export {};\n');
    git('init', '-q');
    git('add', 'packages');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'x');
    forgetEvaluations();
    await evaluateCommitted(ctx, dir, seqs, { samples: 2, seed: 0 });
    const file = join(root, '.cache/results/evaluations.json');
    const disk = JSON.parse(await readFile(file, 'utf8')) as Record<string, { result: { logLikelihoodPerStep: number } }>;
    const [key] = Object.keys(disk);
    // a later page reads the disk entry (marked here) instead of evaluating again
    disk[key!]!.result.logLikelihoodPerStep = 123;
    await writeFile(file, JSON.stringify(disk));
    forgetEvaluations();
    expect((await evaluateCommitted(ctx, dir, seqs, { samples: 2, seed: 0 })).logLikelihoodPerStep).toBe(123);
    // other options or other data are other entries
    expect((await evaluateCommitted(ctx, dir, seqs, { samples: 1, seed: 0 })).logLikelihoodPerStep).toBeCloseTo(direct.logLikelihoodPerStep, 6);
    expect((await evaluateCommitted(ctx, dir, seqs.slice(1), { samples: 2, seed: 0 })).frames).toBe(6);
    // an uncommitted change under packages/ bypasses the disk cache
    await writeFile(join(root, 'packages/x.ts'), 'export const y = 1;\n');
    forgetEvaluations();
    expect((await evaluateCommitted(ctx, dir, seqs, { samples: 2, seed: 0 })).logLikelihoodPerStep).toBeCloseTo(direct.logLikelihoodPerStep, 6);
  });
});
