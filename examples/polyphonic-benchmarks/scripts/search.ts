/**
 * `npm run search -w examples/polyphonic-benchmarks -- [--runs 10] [--epochs 12] [--max-minutes 3] [--search-seed 7] [--corpus jsb] [--estimator nade]`
 *
 * A small random hyper-parameter search (hidden size, layers, dropout, attention window, NADE
 * hidden, initial learning rate, decay, batch size, transposition on/off; see
 * src/search-space.ts) of SHORT runs — the CPU budget of a shared 2-core machine allows
 * minutes per run, so runs are ranked by their early validation curves. Every run's curves are
 * appended as one JSON line to docs/figures/polyphonic/search-runs.jsonl (runs already in the
 * log are skipped, so an interrupted search continues), and the validation curves of the best
 * few are drawn to docs/figures/polyphonic/search-curves.svg (like the seed paper's Figure 4).
 * Other RunConfig flags (kebab case) set the fixed part of every run; `--redraw true` only redraws the SVG from the log.
 */
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Rng } from '@rnn-nade/core/node';
import { curvesSvg } from '../src/curves-svg';
import { dataDirOrDefault, repoRoot } from '../src/paths';
import { parseRunConfig, runConfigToFlags } from '../src/run-config';
import { bestRecords, configLabel, makeRecord, parseRecords } from '../src/search-log';
import { DEFAULT_SEARCH_SPACE, sampleConfigs } from '../src/search-space';
import { trainRun } from '../src/train-run';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'polyphonic-benchmarks search' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const argv = process.argv.slice(2);
const defaults = ['--epochs', '12', '--max-minutes', '3', '--patience', '4'];
const { config: base, rest } = parseRunConfig([...defaults, ...argv]);
const runs = Number(rest.runs ?? 10);
const searchSeed = Number(rest['search-seed'] ?? 7);
const figDir = join(repoRoot, 'docs/figures/polyphonic');
const logPath = join(figDir, 'search-runs.jsonl');
const svgPath = join(figDir, 'search-curves.svg');
await mkdir(figDir, { recursive: true });

if (rest.redraw === 'true') {
  await redraw();
  console.log(`search: redrew ${svgPath}`);
  process.exit(0);
}
const configs = sampleConfigs(DEFAULT_SEARCH_SPACE, base, runs, new Rng(searchSeed));
const done = new Set(existsSync(logPath) ? parseRecords(await readFile(logPath, 'utf8')).map((r) => r.id) : []);

async function redraw(): Promise<void> {
  const records = parseRecords(await readFile(logPath, 'utf8'));
  const best = bestRecords(records, 6);
  const svg = curvesSvg(
    best.map((r) => ({ label: `${r.id}: ${configLabel(r.config)}`, values: r.validCurve })),
    { title: `JSB search: validation curves of the best ${best.length} of ${records.length} runs`, width: 560 },
  );
  await writeFile(svgPath, svg);
}

for (const [i, config] of configs.entries()) {
  const id = `s${searchSeed}-${String(i + 1).padStart(2, '0')}`;
  if (done.has(id)) {
    console.log(`search: ${id} already in the log, skipped`);
    continue;
  }
  const flags = runConfigToFlags(config).join(' ');
  console.log(`search: ${id} (${i + 1}/${configs.length}) ${flags}`);
  const curves = { train: [] as number[], valid: [] as number[] };
  const t0 = performance.now();
  const dir = `/tmp/rnn-nade-search/${id}`;
  const { backend } = await trainRun(config, {
    modelDir: join(dir, 'model'),
    runDir: join(dir, 'run'),
    dataDir: dataDirOrDefault(),
    command: `npm run train -w examples/polyphonic-benchmarks -- ${flags} --out /tmp/${id}`,
    progress: 'none',
    onEpoch: (e) => {
      curves.train.push(e.trainLoss);
      curves.valid.push(e.validLoss ?? NaN);
      console.log(`  ${id} epoch ${e.epoch + 1}: train ${e.trainLoss.toFixed(3)} valid ${e.validLoss?.toFixed(3)} (${e.seconds.toFixed(1)} s)`);
    },
  });
  const record = makeRecord(id, config, curves, Number(((performance.now() - t0) / 1000).toFixed(1)), backend);
  await appendFile(logPath, `${JSON.stringify(record)}\n`);
  await rm(dir, { recursive: true, force: true });
  await redraw();
  console.log(`search: ${id} best valid ${record.bestValidLoss?.toFixed(3)} at epoch ${(record.bestEpoch ?? -1) + 1} in ${record.seconds} s`);
}
if (existsSync(logPath)) await redraw();
console.log(`search: log ${logPath}, curves ${svgPath}`);
