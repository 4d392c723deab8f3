/**
 * `npm run results`: regenerates `docs/results.md` from the committed models.
 *
 * Imports every module in `scripts/results/sections/` (sorted by file name), calls its
 * `render(ctx)` and concatenates the markdown under a generated-file header. A section that
 * throws is shown as an error block on the page and makes the command exit with status 1.
 *
 * Flags: --only PREFIX (render only sections whose file name starts with PREFIX; the page is
 * then written to --out, default `docs/results.md`) --out FILE --samples N (accuracy samples per
 * frame, default 1) --check (do not write; exit 1 if the page would change)
 * Data: $RNN_NADE_DATA_DIR, else ../shared/data next to the repository.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { initBackend } from '@rnn-nade/core/node';
import type { ResultsContext, ResultsSection } from './context';
import { assemblePage } from './lib/page';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'generate' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: flags } = parseArgs({
  options: {
    only: { type: 'string' },
    out: { type: 'string', default: 'docs/results.md' },
    samples: { type: 'string', default: '1' },
    check: { type: 'boolean' },
  },
});

const envData = process.env.RNN_NADE_DATA_DIR;
const dataDir = envData ? resolve(repoRoot, envData) : existsSync(resolve(repoRoot, '../shared/data')) ? resolve(repoRoot, '../shared/data') : undefined;
const started = performance.now();
const backend = await initBackend({ log: null });
const ctx: ResultsContext = {
  repoRoot,
  modelsDir: join(repoRoot, 'models'),
  docsDir: join(repoRoot, 'docs'),
  dataDir,
  backend,
  accuracySamples: Number(flags.samples),
  log: (m) => process.stderr.write(`${m}\n`),
};

const sectionsDir = join(repoRoot, 'scripts/results/sections');
const files = (await readdir(sectionsDir))
  .filter((f) => /^\d+-[\w-]+\.ts$/.test(f) && !f.endsWith('.test.ts'))
  .filter((f) => flags.only === undefined || f.startsWith(flags.only))
  .sort();
const parts: { file: string; markdown: string; error?: string }[] = [];
for (const file of files) {
  const t0 = performance.now();
  ctx.log(`results: rendering ${file} ...`);
  try {
    const mod = (await import(pathToFileURL(join(sectionsDir, file)).href)) as Partial<ResultsSection>;
    if (typeof mod.render !== 'function') throw new Error(`${file} does not export render(ctx)`);
    parts.push({ file, markdown: await mod.render(ctx) });
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    ctx.log(`results: ${file} FAILED: ${message}`);
    parts.push({ file, markdown: '', error: message.split('\n')[0] ?? 'unknown error' });
  }
  ctx.log(`results: ${file} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const page = assemblePage(parts, { backend, command: 'npm run results' });
const outPath = resolve(repoRoot, flags.out!);
if (flags.check) {
  const old = existsSync(outPath) ? await readFile(outPath, 'utf8') : '';
  const same = old === page;
  console.log(same ? `${flags.out} is up to date` : `${flags.out} would change (run npm run results)`);
  process.exit(same ? 0 : 1);
}
await mkdir(dirname(outPath), { recursive: true });
await writeFile(outPath, page);
console.log(`wrote ${flags.out} (${files.length} section(s), ${((performance.now() - started) / 1000).toFixed(0)} s, backend ${backend})`);
if (parts.some((p) => p.error)) process.exit(1);
