import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SequenceModel, describeSchedule, readTrainLog } from '@rnn-nade/core/node';
import { ablationMarkdown, parseAblationLog, summariseAblation, type AblationRowSummary, type AblationRunRecord } from './ablation-log';
import { runConfigOf, runId, type AblationRow } from './ablation-plan';
import { learningRateScheduleOf, runConfigToFlags, type RunConfig } from './run-config';
import { trainRun } from './train-run';

/** Options of {@link runAblation}. */
export interface AblationOptions {
  /** The base run config (corpus, sizes, `maxMinutes` = the budget per run, `epochs`, `patience`, ...). */
  readonly base: RunConfig;
  readonly rows: readonly AblationRow[];
  /** Seeds of every row (e.g. [1, 2, 3]). */
  readonly seeds: readonly number[];
  /** Where `ablation-runs.jsonl` (one line per finished run), `ablation.json` and `ablation.md` go. */
  readonly outDir: string;
  /** Run folders: `<workDir>/<row>-s<seed>/run` (checkpoint, log) and `/model` (best weights). */
  readonly workDir: string;
  readonly dataDir?: string;
  /** The command that reproduces the ablation (stored in every model's metadata and in ablation.json). */
  readonly command: string;
  /** Progress lines (default none). */
  readonly log?: (message: string) => void;
}

/** Files the ablation writes in `outDir`. */
export const ABLATION_FILES = { log: 'ablation-runs.jsonl', summary: 'ablation.json', table: 'ablation.md' } as const;

/**
 * Runs every (row, seed) of the ablation that is not already in `outDir/ablation-runs.jsonl`:
 * each run trains in its own folder (resuming its checkpoint when an earlier attempt was
 * interrupted, with the budget already spent counted), is scored on the test split with the
 * best-validation weights, and is appended to the log; the summary JSON and the markdown table
 * are rewritten after every run, so an interrupted ablation continues where it stopped.
 *
 * @example
 * ```ts
 * await runAblation({ base, rows: selectRows(), seeds: [1, 2, 3], outDir, workDir: '/tmp/ablation', command });
 * ```
 */
export async function runAblation(options: AblationOptions): Promise<AblationRowSummary[]> {
  const say = options.log ?? (() => {});
  await mkdir(options.outDir, { recursive: true });
  const logPath = join(options.outDir, ABLATION_FILES.log);
  const done = new Set(existsSync(logPath) ? parseAblationLog(await readFile(logPath, 'utf8')).map((r) => r.id) : []);
  const total = options.rows.length * options.seeds.length;
  let k = 0;
  for (const row of options.rows) {
    for (const seed of options.seeds) {
      k++;
      const id = runId(row, seed);
      if (done.has(id)) {
        say(`ablation: ${id} (${k}/${total}) already in the log, skipped`);
        continue;
      }
      const record = await runOne(options, row, seed, (m) => say(`ablation: ${id} (${k}/${total}) ${m}`));
      await appendFile(logPath, `${JSON.stringify(record)}\n`);
      await writeSummary(options);
    }
  }
  return writeSummary(options);
}

async function runOne(options: AblationOptions, row: AblationRow, seed: number, say: (m: string) => void): Promise<AblationRunRecord> {
  const config = runConfigOf(options.base, row, seed);
  const dir = join(options.workDir, runId(row, seed));
  const runDir = join(dir, 'run');
  const modelDir = join(dir, 'model');
  const resume = existsSync(join(runDir, 'checkpoint.ckpt'));
  const spent = resume ? spentSeconds(join(runDir, 'train-log.jsonl')) : 0;
  say(`${resume ? `resuming (${spent.toFixed(0)} s of the budget spent)` : 'training'}: ${runConfigToFlags(config).join(' ')}`);
  const { result, backend, corpus } = await trainRun(config, {
    modelDir,
    runDir,
    dataDir: options.dataDir,
    command: options.command,
    resume,
    budgetSpentSeconds: spent,
    progress: 'none',
    onEpoch: (e) => say(`epoch ${e.epoch + 1}: train ${e.trainLoss.toFixed(3)} valid ${e.validLoss?.toFixed(3) ?? 'n/a'} (${e.seconds.toFixed(1)} s)`),
  });
  const { model } = await SequenceModel.load(modelDir);
  let test: number;
  try {
    test = (await model.evaluate(corpus.test, { samples: 0 })).logLikelihoodPerStep;
  } finally {
    model.dispose();
  }
  const seconds = Number((spent + result.history.epochs.slice(result.resumedFromEpoch ?? 0).reduce((a, e) => a + e.seconds, 0)).toFixed(1));
  say(`test log-likelihood/step ${test.toFixed(4)} after ${result.epochsCompleted} epochs, ${seconds} s`);
  return {
    id: runId(row, seed),
    row: row.id,
    seed,
    config,
    testLogLikelihoodPerStep: test,
    bestValidLossPerStep: result.bestValidLoss,
    epochs: result.epochsCompleted,
    stoppedEarly: result.stoppedEarly,
    seconds,
    backend,
  };
}

/** Training seconds already spent by an interrupted run: its logged epochs (the last record of each epoch). */
function spentSeconds(logFile: string): number {
  if (!existsSync(logFile)) return 0;
  const perEpoch = new Map<number, number>();
  for (const r of readTrainLog(logFile)) {
    const rec = r as { event?: string; epoch?: number; seconds?: number };
    if (rec.event === 'epoch' && typeof rec.epoch === 'number' && typeof rec.seconds === 'number') perEpoch.set(rec.epoch, rec.seconds);
  }
  return [...perEpoch.values()].reduce((a, b) => a + b, 0);
}

async function writeSummary(options: AblationOptions): Promise<AblationRowSummary[]> {
  const logPath = join(options.outDir, ABLATION_FILES.log);
  const records = existsSync(logPath) ? parseAblationLog(await readFile(logPath, 'utf8')) : [];
  const rows = summariseAblation(options.rows, records);
  const budget = describeBudget(options.base);
  const schedule = describeSchedule(learningRateScheduleOf(options.base));
  const summary = { command: options.command, corpus: options.base.corpus, budget, schedule, seeds: options.seeds, base: options.base, rows };
  await writeFile(join(options.outDir, ABLATION_FILES.summary), `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(join(options.outDir, ABLATION_FILES.table), ablationMarkdown(rows, { budget }));
  return rows;
}

/** The budget of every run in words, e.g. `20 minutes or 200 epochs (early stopping, patience 8), whichever comes first`. */
export function describeBudget(base: RunConfig): string {
  const stop = base.patience > 0 ? `, early stopping with patience ${base.patience}` : '';
  return base.maxMinutes > 0 ? `${base.maxMinutes} minutes or ${base.epochs} epochs, whichever comes first${stop}` : `${base.epochs} epochs${stop}`;
}
