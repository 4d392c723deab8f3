import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts one training worker thread. From the built package (`dist/`) the worker runs
 * `dist/train-worker.js`; from TypeScript sources (tests, `tsx` scripts) it runs
 * `worker-main.ts` through tsx's loader, with the workspace tsconfig so that `@rnn-nade/*`
 * imports resolve to the same sources as in the main thread.
 * @internal
 */
export function spawnTrainingWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./train-worker.js', here));
  const entry = new URL('./worker-main.ts', here).href;
  const tsx = tsxEsmApi(here);
  const tsconfig = workspaceTsconfig(dirname(fileURLToPath(here)));
  const code =
    `import(${JSON.stringify(tsx)}).then((m) => { m.register(${JSON.stringify(tsconfig ? { tsconfig } : {})}); ` +
    `return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true });
}

/** File URL of tsx's ESM register API (its `import` export; `require.resolve` would give the CommonJS one). */
function tsxEsmApi(from: string): string {
  const manifest = createRequire(from).resolve('tsx/package.json');
  const exports = JSON.parse(readFileSync(manifest, 'utf8')).exports as Record<string, { import: { default: string } }>;
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
}

/** The nearest tsconfig.json above `dir` that maps module paths (the workspace root's). */
function workspaceTsconfig(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    const f = join(d, 'tsconfig.json');
    if (existsSync(f) && readFileSync(f, 'utf8').includes('"paths"')) return f;
    if (dirname(d) === d) return undefined;
  }
}
