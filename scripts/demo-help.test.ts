import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const demo = fileURLToPath(new URL('./demo.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
const runDemo = (...args: string[]) => spawnSync(process.execPath, [tsx, demo, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('npm run demo -- --help', () => {
  it('prints the usage and exits 0 without training', () => {
    const r = runDemo('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run demo -- \[flags\]/);
    expect(r.stdout).toContain('--minutes M');
    expect(r.stderr).not.toMatch(/ERR_PARSE_ARGS|TypeError/);
  });

  it('an unknown flag prints one line and the usage, exit 2, no stack', () => {
    const r = runDemo('--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^demo: Unknown option '--bogus'\n\nusage:/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
