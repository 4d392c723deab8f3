import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ResultsContext } from '../context';
import { code, formatDuration, markdownTable, type Cell } from './markdown';

/** One line of `docs/figures/polyphonic/search-runs.jsonl` (written by the benchmark's search.ts). */
export interface SearchRecord {
  readonly id: string;
  readonly config: Record<string, unknown>;
  readonly bestValidLoss: number | null;
  readonly bestEpoch: number | null;
  readonly epochs: number;
  readonly seconds: number;
  readonly backend?: string;
}

/** Parses a search log (JSON lines; blank and malformed lines are skipped and counted). */
export function parseSearchLog(text: string): { records: SearchRecord[]; skipped: number } {
  const records: SearchRecord[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const r = JSON.parse(line) as SearchRecord;
      if (typeof r.id === 'string' && typeof r.config === 'object' && r.config !== null) records.push(r);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { records, skipped };
}

/** Records sorted by best validation loss (lowest first; runs without one last). */
export function rankRuns(records: readonly SearchRecord[]): SearchRecord[] {
  const key = (r: SearchRecord) => (r.bestValidLoss === null || !Number.isFinite(r.bestValidLoss) ? Infinity : r.bestValidLoss);
  return [...records].sort((a, b) => key(a) - key(b));
}

const SHOWN = ['estimator', 'hidden', 'layers', 'attentionWindow', 'dropout', 'nadeHidden', 'lr', 'lrDecay', 'batchSize', 'transpose'] as const;

/** The search subsection, or null when no search has been recorded. */
export async function searchSummary(ctx: ResultsContext, topK = 8): Promise<string | null> {
  const figDir = join(ctx.docsDir, 'figures/polyphonic');
  const logPath = join(figDir, 'search-runs.jsonl');
  if (!existsSync(logPath)) return null;
  const { records, skipped } = parseSearchLog(await readFile(logPath, 'utf8'));
  if (records.length === 0) return null;
  const ranked = rankRuns(records);
  const totalSeconds = records.reduce((a, r) => a + (r.seconds || 0), 0);
  const rows = ranked
    .slice(0, topK)
    .map((r, i): Cell[] => [
      String(i + 1),
      r.id,
      ...SHOWN.map((k) => (r.config[k] === undefined ? null : String(r.config[k]))),
      r.bestValidLoss === null ? null : -r.bestValidLoss,
      r.bestEpoch === null ? null : `${r.bestEpoch + 1} / ${r.epochs}`,
    ]);
  const lines = [
    '### Hyper-parameter search (JSB, validation split)',
    '',
    `A small random search (${records.length} short runs${skipped ? `, ${skipped} unreadable log line(s) skipped` : ''}, ` +
      `${formatDuration(totalSeconds)} of training in total) — the CPU budget of this machine allows short runs only, so these ` +
      'rank configurations by their early validation curves (mostly how fast they learn) rather than by converged models; the ' +
      "committed models' recipe (LSTM 200, dropout 0.3, Adam 4e-3 decayed 0.97 per epoch, batch 8) was chosen by hand from full JSB runs, " +
      'not by this search. The figures below are read from the ' +
      `search log ${code('docs/figures/polyphonic/search-runs.jsonl')} (the search models are not kept); rerun with ` +
      `${code('npm run search -w examples/polyphonic-benchmarks')}.`,
    '',
    markdownTable(['rank', 'run', ...SHOWN, 'best valid log-lik. / step', 'best epoch / epochs'], rows, { digits: 3 }),
  ];
  const svg = join(figDir, 'search-curves.svg');
  if (existsSync(svg)) lines.push('', `![validation curves of the best search runs](${relative(ctx.docsDir, svg)})`);
  return lines.join('\n');
}
