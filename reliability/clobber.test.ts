/**
 * Reliability: no clobbered or lost models. Concurrent saves into one folder (child processes)
 * always leave a loadable model and concurrent readers never see a half state; a training holds
 * its folder's lock (stale locks of dead processes are taken over with a warning); the CLI
 * refuses to train over an existing model without --resume or --force; temp files of killed
 * runs are removed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RUN_LOCK_FILE,
  RunLockError,
  SequenceModel,
  acquireRunLock,
  initBackend,
  readModelDir,
  removeStaleTempFiles,
  train,
  writeModelDir,
} from '@rnn-nade/core/node';
import { bernoulli } from '@rnn-nade/estimator-bernoulli';
import { runCaptured } from '../packages/cli/src/__fixtures__/run-captured';
import { repoRoot, runTs } from './fixtures/child-process';
import { randomBinary } from './fixtures/saved-model';

const root = mkdtempSync(join(tmpdir(), 'rnn-nade-rel-clobber-'));
const worker = join(repoRoot, 'reliability/fixtures/concurrent-model-io.ts');

beforeAll(async () => {
  await initBackend({ log: null });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('concurrent saves and reads (child processes)', () => {
  it('4 writers x 30 saves and 2 readers into one folder: zero failed saves, zero failed or mixed loads', async () => {
    const dir = join(root, 'shared');
    await writeModelDir(
      dir,
      { writer: 9, i: 0 },
      { 'encoder/w': { shape: [50_000], data: new Float32Array(50_000).fill(9000) }, 'estimator/b': { shape: [3], data: Float32Array.from([9, 0, 9000]) } },
    );
    const stop = join(root, 'stop');
    const readers = [0, 1].map(() => runTs(worker, ['read', dir, stop], { timeoutMs: 110_000 }));
    const writers = [1, 2, 3, 4].map((w) => runTs(worker, ['write', dir, String(w), '30'], { timeoutMs: 100_000 }));
    const w = await Promise.all(writers);
    writeFileSync(stop, '');
    const r = await Promise.all(readers);
    const parse = (x: { stdout: string; stderr: string; code: number | null }) => {
      expect(x.code, x.stderr).toBe(0);
      return JSON.parse(x.stdout) as { ops: number; failures: number; firstFailure: string | null };
    };
    const ws = w.map(parse);
    const rs = r.map(parse);
    expect(ws.reduce((a, x) => a + x.ops, 0)).toBe(120);
    expect(ws.map((x) => x.firstFailure)).toEqual([null, null, null, null]);
    expect(rs.map((x) => x.firstFailure)).toEqual([null, null]);
    expect(rs.reduce((a, x) => a + x.ops, 0)).toBeGreaterThan(20);
    const { json } = await readModelDir(dir);
    expect([1, 2, 3, 4]).toContain(json.writer);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(1); // saves take turns: no orphaned weights
    expect(existsSync(join(dir, '.save.lock'))).toBe(false);
  }, 120_000);
});

describe('run locks', () => {
  it('a second lock on a folder fails while the first is held, naming the holder', async () => {
    const dir = join(root, 'locked');
    const lock = await acquireRunLock(dir);
    const error = await acquireRunLock(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunLockError);
    expect((error as Error).message).toContain(`process ${process.pid} on ${hostname()}`);
    await lock.release();
    expect(existsSync(join(dir, RUN_LOCK_FILE))).toBe(false);
    await (await acquireRunLock(dir)).release();
    // with waitMs a second taker waits for the holder instead of failing (how saves take turns)
    const held = await acquireRunLock(dir);
    setTimeout(() => void held.release(), 100);
    const t0 = performance.now();
    const next = await acquireRunLock(dir, { waitMs: 10_000 });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(90);
    await next.release();
  });

  it('two trainings into one folder at once: exactly one runs, the other fails with RunLockError', async () => {
    const data = { train: randomBinary(1, 8, 6, 5), valid: randomBinary(2, 2, 6, 5) };
    const models = [1, 2].map((seed) => SequenceModel.create({ encoder: { inputDim: 5, hidden: 4 }, estimator: bernoulli({ dim: 5 }), seed }));
    const runDir = join(root, 'twice');
    const results = await Promise.allSettled(models.map((m) => train(m, data, { epochs: 2, batchSize: 4, runDir, progress: 'none' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(RunLockError);
    for (const m of models) m.dispose();
  });

  it('a stale lock (its process is gone) is taken over with a warning; one from another host is not', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    const pid = dead.pid!;
    await new Promise((r) => dead.on('exit', r));
    const dir = join(root, 'stale');
    const write = (host: string) =>
      writeFileSync(join(root, 'stale', RUN_LOCK_FILE), JSON.stringify({ pid, host, since: 'then', token: 'abc', command: 'train --out x' }));
    await acquireRunLock(dir).then((l) => l.release());
    write(hostname());
    const warnings: string[] = [];
    const lock = await acquireRunLock(dir, { onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`took over the stale lock .* of process ${pid}`));
    expect(lock.info.pid).toBe(process.pid);
    await lock.release();
    write('some-other-host');
    expect(await acquireRunLock(dir).catch((e: unknown) => e)).toBeInstanceOf(RunLockError);
  });

  it('the CLI in another process refuses a folder this process holds, with exit code 1 and one line', async () => {
    const dir = join(root, 'held');
    const lock = await acquireRunLock(dir);
    const corpus = join(root, 'toy.json');
    const piece = Array.from({ length: 6 }, (_, t) => [60 + (t % 4)]);
    writeFileSync(corpus, JSON.stringify({ train: [piece, piece, piece], valid: [piece], test: [piece] }));
    const r = await runTs(join(repoRoot, 'packages/cli/src/bin.ts'), [
      'train',
      '--dataset',
      corpus,
      '--estimator',
      'bernoulli',
      '--out',
      dir,
      '--epochs',
      '1',
      '--hidden',
      '4',
      '--quiet',
    ]);
    await lock.release();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^rnn-nade train: error: The folder is in use by process ${process.pid} `));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});

describe('train --out never overwrites a model silently', () => {
  it('refuses an existing model folder unless --resume or --force', async () => {
    const corpus = join(root, 'toy2.json');
    const piece = (k: number) => Array.from({ length: 8 }, (_, t) => [60 + ((t + k) % 5), 67]);
    writeFileSync(corpus, JSON.stringify({ train: [0, 1, 2, 3].map(piece), valid: [piece(4)], test: [piece(5)] }));
    const out = join(root, 'cli-model');
    const args = ['train', '--dataset', corpus, '--estimator', 'bernoulli', '--out', out, '--epochs', '1', '--hidden', '4', '--batch-size', '2', '--quiet'];
    expect((await runCaptured(...args)).code).toBe(0);
    const first = JSON.stringify((await readModelDir(out)).json);
    const refused = await runCaptured(...args, '--seed', '7');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/already holds a saved model \(model\.json\); pass --resume .* --force/);
    expect(JSON.stringify((await readModelDir(out)).json)).toBe(first); // untouched
    expect((await runCaptured(...args, '--seed', '7', '--force')).code).toBe(0);
    expect((await readModelDir(out)).json.metadata).toMatchObject({ training: { seed: 7 } });
    // a resume removes the temp files a killed run left
    writeFileSync(join(out, '.checkpoint.ckpt.0123456789ab.tmp'), 'partial');
    writeFileSync(join(out, '.model.json.ba9876543210.tmp'), 'partial');
    expect((await runCaptured(...args, '--seed', '7', '--epochs', '2', '--resume')).code).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(out).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
  });

  it('saves remove temp files older than 10 minutes and keep younger ones (a live writer may own them)', async () => {
    const dir = join(root, 'tmpclean');
    await writeModelDir(dir, { v: 1 }, { w: { shape: [2], data: new Float32Array(2) } });
    const old = join(dir, '.weights-x.bin.0123456789ab.tmp');
    const young = join(dir, '.weights-y.bin.ba9876543210.tmp');
    writeFileSync(old, 'x');
    writeFileSync(young, 'y');
    const hourAgo = (Date.now() - 3_600_000) / 1000;
    utimesSync(old, hourAgo, hourAgo);
    await writeModelDir(dir, { v: 2 }, { w: { shape: [2], data: new Float32Array(2) } });
    expect(existsSync(old)).toBe(false);
    expect(existsSync(young)).toBe(true);
    expect(await removeStaleTempFiles(dir, { olderThanMs: 0 })).toEqual(['.weights-y.bin.ba9876543210.tmp']);
  });
});
