import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRunState, readTrainLog } from '@rnn-nade/core/node';
import { RUN_FILES } from '@rnn-nade/core/advanced';
import { writeToyCorpus } from './__fixtures__/toy-corpus';

const repoRoot = resolve(import.meta.dirname, '../../..');
const bin = join(repoRoot, 'packages/cli/src/bin.ts');
const dir = mkdtempSync(join(tmpdir(), 'rnn-nade-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EPOCHS = 25;
function trainArgs(corpus: string, out: string): string[] {
  return [
    'train',
    '--dataset',
    corpus,
    '--estimator',
    'bernoulli',
    '--out',
    out,
    '--epochs',
    String(EPOCHS),
    '--hidden',
    '12',
    '--batch-size',
    '4',
    '--chunk-steps',
    '5',
    '--dropout',
    '0.2',
    '--lr',
    '0.01',
    '--seed',
    '3',
    '--patience',
    '100',
    '--quiet',
  ];
}

/** Starts the real CLI in a child process (TypeScript sources through tsx). */
function start(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', bin, ...args], {
    cwd: repoRoot,
    env: { ...process.env, RNN_NADE_BACKEND: process.env.RNN_NADE_BACKEND ?? 'wasm' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((res) =>
    child.on('exit', (code, signal) => res({ code, signal, stderr })),
  );
  return { child, done };
}

const modelSha = (d: string) => JSON.parse(readFileSync(join(d, 'model.json'), 'utf8')).weights.sha256 as string;

describe('kill -9 mid-training, then --resume', () => {
  it('ends with the same weights as an uninterrupted run', async () => {
    const corpus = join(dir, 'corpus.json');
    writeToyCorpus(corpus, 7);
    const straight = join(dir, 'straight');
    const killed = join(dir, 'killed');

    const a = start(trainArgs(corpus, straight));
    const b = start(trainArgs(corpus, killed));
    // kill b as soon as it has checkpointed two epochs (it is not finished: 25 epochs)
    let killedAt = -1;
    while (killedAt < 0) {
      await new Promise((r) => setTimeout(r, 20));
      const state = await loadRunState(join(killed, RUN_FILES.checkpoint)).catch(() => undefined);
      if (state && state.epochsDone >= 2) {
        b.child.kill('SIGKILL');
        killedAt = state.epochsDone;
      }
      if (b.child.exitCode !== null) throw new Error(`the run finished before it could be killed: ${await b.done.then((r) => r.stderr)}`);
    }
    const bExit = await b.done;
    expect(bExit.signal).toBe('SIGKILL');
    const afterKill = await loadRunState(join(killed, RUN_FILES.checkpoint));
    expect(afterKill!.epochsDone).toBeLessThan(EPOCHS); // really interrupted mid-training
    expect(afterKill!.epochsDone).toBeGreaterThanOrEqual(killedAt);

    const aExit = await a.done;
    expect(aExit.stderr).toBe('');
    expect(aExit.code).toBe(0);
    const c = start([...trainArgs(corpus, killed), '--resume']);
    const cExit = await c.done;
    // the killed run's lock is stale (its pid is gone): taken over with a warning, and removed at the end
    expect(cExit.stderr).toMatch(/^warning: took over the stale lock .*run\.lock of process \d+/);
    expect(cExit.stderr.trim().split('\n')).toHaveLength(1);
    expect(cExit.code).toBe(0);
    expect(existsSync(join(killed, 'run.lock'))).toBe(false);

    expect(modelSha(killed)).toBe(modelSha(straight)); // bit-identical saved weights
    const [sa, sc] = await Promise.all([loadRunState(join(straight, RUN_FILES.checkpoint)), loadRunState(join(killed, RUN_FILES.checkpoint))]);
    expect(sc!.epochsDone).toBe(EPOCHS);
    expect(sc!.history.epochs.map((e) => e.trainLoss)).toEqual(sa!.history.epochs.map((e) => e.trainLoss));
    const events = readTrainLog(join(killed, RUN_FILES.log)).map((e) => e.event);
    expect(events.filter((e) => e === 'resume')).toHaveLength(1);
    expect(events.filter((e) => e === 'epoch')).toHaveLength(EPOCHS);
  }, 120_000);
});
