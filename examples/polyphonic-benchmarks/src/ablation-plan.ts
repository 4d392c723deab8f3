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
/** Transposition range (±semitones, all 12 keys) when the ablation turns augmentation on. */
export const ABLATION_TRANSPOSE = 6;

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
  { id: 'transpose', factor: 'transposition', setting: `on (±${ABLATION_TRANSPOSE} semitones)`, change: { transpose: ABLATION_TRANSPOSE } },
];

/**
 * The rows named in `ids` (all rows when absent), in table order.
 * @throws Error naming an unknown row id and listing the known ones.
 */
export function selectRows(ids?: readonly string[]): AblationRow[] {
  if (!ids) return [...ABLATION_ROWS];
  const known = new Set(ABLATION_ROWS.map((r) => r.id));
  for (const id of ids) if (!known.has(id)) throw new Error(`Unknown ablation row "${id}"; rows: ${[...known].join(', ')}.`);
  return ABLATION_ROWS.filter((r) => ids.includes(r.id));
}

/** The config of one run: base + the row's change + the seed. */
export function runConfigOf(base: RunConfig, row: AblationRow, seed: number): RunConfig {
  return { ...base, ...row.change, seed };
}

/** The folder name of one run: `<row id>-s<seed>`. */
export function runId(row: AblationRow, seed: number): string {
  return `${row.id}-s${seed}`;
}
