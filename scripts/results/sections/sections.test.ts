import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// The generator renders every `NN-name.ts` in this folder; a helper placed here would print a
// "failed to render" block into docs/results.md, so helpers belong in ../lib.
describe('results sections folder', () => {
  it('holds only section modules, each exporting render(ctx)', async () => {
    const dir = import.meta.dirname;
    const files = (await readdir(dir)).filter((f) => /^\d+-[\w-]+\.ts$/.test(f) && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) {
      const mod = (await import(pathToFileURL(join(dir, f)).href)) as { render?: unknown };
      expect(typeof mod.render, f).toBe('function');
    }
  });
});
