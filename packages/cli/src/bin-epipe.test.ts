import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('./bin.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

describe('rnn-nade bin', () => {
  it('exits quietly when stdout is closed early (rnn-nade ... | head -1)', async () => {
    const child = spawn(process.execPath, [tsx, bin, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader goes away before the command writes
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    expect(err).not.toMatch(/EPIPE/);
    expect(code).toBe(0);
  });
});
