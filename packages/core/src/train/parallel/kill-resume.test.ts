import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRunState, readTrainLog } from '@rnn-nade/core/node';
import { RUN_FILES } from '@rnn-nade/core/advanced';

const repoRoot = resolve(import.meta.dirname, '../../../../..');
const script = join(import.meta.dirname, '__fixtures__/train-run.ts');
const RUN_EPOCHS = 14;
const dir = mkdtempSync(join(tmpdir(), 'rnn-nade-parallel-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts a 2-worker training run in a child process (TypeScript sources through tsx). */
function start(runDir: string, resume = false) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, runDir, String(RUN_EPOCHS), ...(resume ? ['--resume'] : [])], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((res) =>
    child.on('exit', (code, signal) => res({ code, signal, stderr })),
  );
  return { child, done };
}

const hex = (w: Record<string, { data: Float32Array }>) =>
  Object.fromEntries(Object.entries(w).map(([k, v]) => [k, Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength).toString('hex')]));

describe('kill -9 during multi-worker training, then resume', () => {
  it('ends with the same weights as an uninterrupted run', async () => {
    const straight = join(dir, 'straight');
    const killed = join(dir, 'killed');
    const a = start(straight);
    const b = start(killed);
    let killedAt = -1;
    while (killedAt < 0) {
      await new Promise((r) => setTimeout(r, 20));
      const state = await loadRunState(join(killed, RUN_FILES.checkpoint)).catch(() => undefined);
      if (state && state.epochsDone >= 2) {
        b.child.kill('SIGKILL');
        killedAt = state.epochsDone;
      }
      if (b.child.exitCode !== null) throw new Error(`the run ended before it could be killed: ${await b.done.then((r) => r.stderr)}`);
    }
    expect((await b.done).signal).toBe('SIGKILL');
    expect((await loadRunState(join(killed, RUN_FILES.checkpoint)))!.epochsDone).toBeLessThan(RUN_EPOCHS);
    const aExit = await a.done;
    expect(aExit.stderr).toBe('');
    expect(aExit.code).toBe(0);
    const c = await start(killed, true).done;
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);

    const [sa, sc] = await Promise.all([loadRunState(join(straight, RUN_FILES.checkpoint)), loadRunState(join(killed, RUN_FILES.checkpoint))]);
    expect(sc!.epochsDone).toBe(RUN_EPOCHS);
    expect(hex(sc!.weights)).toEqual(hex(sa!.weights));
    expect(sc!.history.epochs.map((e) => e.trainLoss)).toEqual(sa!.history.epochs.map((e) => e.trainLoss));
    expect(readTrainLog(join(killed, RUN_FILES.log)).filter((e) => e.event === 'resume')).toHaveLength(1);
  }, 240_000);
});
