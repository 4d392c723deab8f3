import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const script = fileURLToPath(new URL('./__fixtures__/main-entry-only.ts', import.meta.url));

describe('the main entry without @rnn-nade/core/node', () => {
  it('trains and saves in memory; folder paths, run folders and worker threads are ConfigErrors naming the node entry', async () => {
    // a child process: the test runner itself loads the node entry for every test file
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, timeout: 120_000 });
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, string>;
    expect(result.memory).toBe('ok');
    expect(result.trainsInMemory).toBe('ok');
    for (const key of ['save', 'load', 'runDir', 'workers']) {
      expect(result[key], key).toMatch(/^CONFIG: .*@rnn-nade\/core\/node/);
    }
  });
});
