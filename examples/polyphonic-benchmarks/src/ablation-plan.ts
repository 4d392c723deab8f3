import type { RunConfig } from './run-config';

/** One row of the ablation table: a factor and the value this row gives it (the rest is the base). */
export interface AblationRow {
  /** Stable id, used in run-folder names and the log (e.g. `dropout-0.3`). */
  readonly id: string;
  /** The factor this row varies (rows of one factor are compared with each other). */
  readonly factor: string;
  /** The value shown in the table, e.g. `0.3`. */
  readonly setting: string;
  /** What this row changes from the base config (empty for the base row). */
  readonly change: Partial<RunConfig>;
}

/** Units of the ReLU projection layer when the ablation turns it on. */
export const ABLATION_PROJECTION_HIDDEN = 150;

/**
 * The JSB ablation of issue 14: one base row (1-layer LSTM, no attention, no dropout, linear
 * projection, no transposition) and one row per other value of each factor: plain RNN vs LSTM;
 * 1 vs 2 layers; attention window 0 / 4 / 16; dropout 0 / 0.3 / 0.5; ReLU projection on/off;
 * transposition augmentation on/off. The base row is the first value of every factor.
 */
export const ABLATION_ROWS: readonly AblationRow[] = [
  { id: 'base', factor: 'base', setting: 'LSTM, 1 layer, no attention, dropout 0, linear projection, no transposition', change: {} },
  { id: 'cell-rnn', factor: 'cell', setting: 'plain RNN (tanh)', change: { cell: 'rnn' } },
  { id: 'layers-2', factor: 'layers', setting: '2 layers', change: { layers: 2 } },
  { id: 'attention-4', factor: 'attention window', setting: '4', change: { attentionWindow: 4 } },
  { id: 'attention-16', factor: 'attention window', setting: '16', change: { attentionWindow: 16 } },
  { id: 'dropout-0.3', factor: 'dropout', setting: '0.3', change: { dropout: 0.3 } },
  { id: 'dropout-0.5', factor: 'dropout', setting: '0.5', change: { dropout: 0.5 } },
  {
    id: 'projection-relu',
    factor: 'ReLU projection',
    setting: `on (${ABLATION_PROJECTION_HIDDEN} units)`,
    change: { projectionHidden: ABLATION_PROJECTION_HIDDEN },
  },
  { id: 'transpose-keys', factor: 'transposition', setting: 'on (each epoch in one of the 12 keys)', change: { transposeKeys: 1 } },
];

/**
 * Rows run only when named (`--rows lr-plateau,lr-cosine`): the learning-rate schedule against
 * the base's (its `--lr-schedule`, by default a constant rate). The plateau row needs the base's
 * early-stopping patience above its `lrPatience` (4).
 */
export const SCHEDULE_ROWS: readonly AblationRow[] = [
  { id: 'lr-plateau', factor: 'learning-rate schedule', setting: 'plateau (×0.5 after 4 flat epochs)', change: { lrSchedule: 'plateau' } },
  { id: 'lr-cosine', factor: 'learning-rate schedule', setting: 'cosine restarts every 10 epochs', change: { lrSchedule: 'cosine' } },
];

/**
 * The rows named in `ids` (the {@link ABLATION_ROWS} when absent; {@link SCHEDULE_ROWS} only when
 * named), in table order.
 * @throws Error naming an unknown row id and listing the known ones.
 */
export function selectRows(ids?: readonly string[]): AblationRow[] {
  if (!ids) return [...ABLATION_ROWS];
  const all = [...ABLATION_ROWS, ...SCHEDULE_ROWS];
  const known = new Set(all.map((r) => r.id));
  for (const id of ids) if (!known.has(id)) throw new Error(`Unknown ablation row "${id}"; rows: ${[...known].join(', ')}.`);
  return all.filter((r) => ids.includes(r.id));
}

/** The config of one run: base + the row's change + the seed. */
export function runConfigOf(base: RunConfig, row: AblationRow, seed: number): RunConfig {
  return { ...base, ...row.change, seed };
}

/** The folder name of one run: `<row id>-s<seed>`. */
export function runId(row: AblationRow, seed: number): string {
  return `${row.id}-s${seed}`;
}
