import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckpointError, readCheckpointFile, writeCheckpointFile } from '@rnn-nade/core/node';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rnn-nade-ckpt-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tensors = () => ({
  'weights/a': { shape: [2, 3], data: new Float32Array([1.5, -0, 3e-38, -7, Math.PI, 1e30]) },
  'best/b': { shape: [1], data: new Float32Array([NaN]) },
  empty: { shape: [0, 4], data: new Float32Array(0) },
});

describe('checkpoint files', () => {
  it('round-trips state and float32 tensors bit-exactly and leaves no temporary file', async () => {
    const path = join(dir, 'run', 'checkpoint.ckpt');
    const state = { epoch: 3, rng: [1, 2, 3, 4294967295], nested: { ok: true, name: 'ünïcode' } };
    await writeCheckpointFile(path, state, tensors());
    const back = await readCheckpointFile(path);
    expect(back!.state).toEqual(state);
    const t = tensors();
    for (const [k, v] of Object.entries(t)) {
      expect(back!.tensors[k]!.shape).toEqual(v.shape);
      expect(new Uint8Array(back!.tensors[k]!.data.buffer)).toEqual(new Uint8Array(v.data.buffer));
    }
    expect(await readdir(join(dir, 'run'))).toEqual(['checkpoint.ckpt']);
  });

  it('returns undefined when there is no checkpoint', async () => {
    expect(await readCheckpointFile(join(dir, 'none.ckpt'))).toBeUndefined();
  });

  it('rejects truncated, corrupted and foreign files with a CheckpointError naming the file', async () => {
    const path = join(dir, 'c.ckpt');
    await writeCheckpointFile(path, { a: 1 }, tensors());
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.length - 5));
    await expect(readCheckpointFile(path)).rejects.toThrow(/truncated.*c\.ckpt/);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 2]! ^= 0xff;
    await writeFile(path, flipped);
    await expect(readCheckpointFile(path)).rejects.toThrow(/checksum/);
    await writeFile(path, 'hello');
    await expect(readCheckpointFile(path)).rejects.toBeInstanceOf(CheckpointError);
  });

  it('refuses a tensor whose shape does not match its values', async () => {
    await expect(writeCheckpointFile(join(dir, 'x.ckpt'), {}, { a: { shape: [3], data: new Float32Array(2) } })).rejects.toThrow(CheckpointError);
  });
});
