/**
 * Reliability: how programs end. Under the default wasm backend an error escaping a program used
 * to exit with code 7 after ~40 KB of minified Emscripten code (the wasm module's own
 * uncaughtException listener re-throws). With the shared handlers every program — the CLI, the
 * demo, scripts — exits 1 and prints the real error first: typed errors as one line, others with
 * their stack.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, formatFatalError } from '@rnn-nade/core/node';
import { repoRoot, runTs } from './fixtures/child-process';

const root = mkdtempSync(join(tmpdir(), 'rnn-nade-rel-exit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const script = join(repoRoot, 'reliability/fixtures/fatal-script.ts');
const wasm = { RNN_NADE_BACKEND: 'wasm' };
const noEmscripten = (stderr: string) => {
  expect(stderr.length).toBeLessThan(4000);
  expect(stderr).not.toMatch(/ExitStatus|keepRuntimeAlive|Emscripten/);
};

describe('entry points exit 1 with the real error first', () => {
  it('root cause: without the handlers, the wasm backend turns a plain error into exit code 7 and a code dump', async () => {
    const r = await runTs(script, ['plain', 'bare'], { env: wasm });
    expect(r.code).toBe(7);
    expect(r.stderr.length).toBeGreaterThan(10_000);
  }, 60_000);

  it('typed errors: one line with the code; other errors, rejections and timer throws: message then stack', async () => {
    const typed = await runTs(script, ['typed'], { env: wasm });
    expect(typed.code).toBe(1);
    expect(typed.stderr).toBe('fatal-script: error: the generated option is invalid [CONFIG]\n');
    for (const [mode, message] of [
      ['plain', 'an unexpected failure'],
      ['rejection', 'nobody awaited this'],
      ['late', 'thrown from a timer'],
    ] as const) {
      const r = await runTs(script, [mode], { env: wasm });
      expect(r.code, mode).toBe(1);
      expect(r.stderr.split('\n')[0]).toBe(`fatal-script: unexpected error: ${message}`);
      expect(r.stderr).toMatch(/\n {4}at .*fatal-script\.ts/);
      noEmscripten(r.stderr);
    }
  }, 120_000);

  it('the rnn-nade CLI: a failing command and an error escaping it both exit 1 with one first line', async () => {
    const bin = join(repoRoot, 'packages/cli/src/bin.ts');
    const missing = await runTs(bin, ['eval', '--model', join(root, 'no-model'), '--baseline', 'x', '--dataset', 'y'], { env: wasm });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('rnn-nade eval: give exactly one of --model DIR or --baseline NAME.\n');
    const noModel = await runTs(bin, ['sample', '--model', join(root, 'no-model'), '--steps', '2', '--out', join(root, 'x.json')], { env: wasm });
    expect(noModel.code).toBe(1);
    expect(noModel.stderr).toMatch(/^rnn-nade sample: error: Model directory does not exist/);
    expect(noModel.stderr.trim().split('\n')).toHaveLength(1);
    const plugin = join(repoRoot, 'reliability/fixtures/late-failing-plugin.ts');
    const late = await runTs(bin, ['sample', '--model', join(root, 'no-model'), '--steps', '2', '--plugin', plugin], { env: wasm });
    expect(late.code).toBe(1);
    expect(late.stderr.split('\n')[0]).toBe('rnn-nade: unexpected error: plugin failed in the background');
    noEmscripten(late.stderr);
  }, 120_000);

  it('npm run demo: a bad option after the wasm backend started exits 1 with the typed error', async () => {
    const data = join(root, 'data');
    mkdirSync(join(data, 'jsb-chorales'), { recursive: true });
    writeFileSync(join(data, 'jsb-chorales', 'jsb-chorales-quarter.json'), JSON.stringify({ train: [[[60], [64]]], valid: [[[62]]], test: [[[60]]] }));
    const r = await runTs(join(repoRoot, 'scripts/demo.ts'), ['--epochs=-1', '--out', join(root, 'demo')], { env: { ...wasm, RNN_NADE_DATA_DIR: data } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toBe('demo: error: epochs must be an integer >= 0, got -1. [CONFIG]');
    noEmscripten(r.stderr);
  }, 120_000);

  it('formatFatalError: typed errors on one line, others with their stack', () => {
    expect(formatFatalError(new ConfigError('a\n  b'), { name: 'x' })).toBe('x: error: a b [CONFIG]\n');
    const plain = formatFatalError(new TypeError('boom'), { name: 'x' });
    expect(plain.split('\n')[0]).toBe('x: unexpected error: boom');
    expect(plain).toMatch(/\n {4}at /);
    expect(formatFatalError('just a string')).toBe('error: unexpected error: just a string\n');
  });
});
