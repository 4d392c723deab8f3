import { parseJsonLines } from './json-lines';
import type { RunConfig } from './run-config';

/** One search run as recorded (one JSON line) in the search log. */
export interface SearchRunRecord {
  readonly id: string;
  readonly config: RunConfig;
  /** Validation NLL per frame after each epoch. */
  readonly validCurve: number[];
  /** Training NLL per frame of each epoch. */
  readonly trainCurve: number[];
  readonly bestValidLoss: number | null;
  /** 0-based epoch of the best validation loss. */
  readonly bestEpoch: number | null;
  readonly epochs: number;
  readonly seconds: number;
  readonly backend: string;
}

/** Summarises a finished run's curves into a record. */
export function makeRecord(id: string, config: RunConfig, curves: { train: number[]; valid: number[] }, seconds: number, backend: string): SearchRunRecord {
  let best: number | null = null;
  let bestEpoch: number | null = null;
  curves.valid.forEach((v, i) => {
    if (Number.isFinite(v) && (best === null || v < best)) {
      best = v;
      bestEpoch = i;
    }
  });
  return { id, config, validCurve: curves.valid, trainCurve: curves.train, bestValidLoss: best, bestEpoch, epochs: curves.valid.length, seconds, backend };
}

/** Parses the search log (JSON lines), skipping blank or malformed lines. */
export function parseRecords(text: string): SearchRunRecord[] {
  return parseJsonLines<SearchRunRecord>(text, (r) => typeof (r as SearchRunRecord).id === 'string' && Array.isArray((r as SearchRunRecord).validCurve));
}

/** The `k` records with the lowest best validation loss. */
export function bestRecords(records: readonly SearchRunRecord[], k: number): SearchRunRecord[] {
  const key = (r: SearchRunRecord) => r.bestValidLoss ?? Infinity;
  return [...records].sort((a, b) => key(a) - key(b)).slice(0, k);
}

/** A short legend label for a config: `h200x1 a8 d0.2 n150 lr2e-3 ×0.98 b8 T6`. */
export function configLabel(c: RunConfig): string {
  const lr = c.lr.toExponential(0).replace('e-', 'e-');
  return `h${c.hidden}x${c.layers} a${c.attentionWindow} d${c.dropout} n${c.nadeHidden} lr${lr}${c.lrDecay !== 1 ? ` ×${c.lrDecay}` : ''} b${c.batchSize}${c.transpose ? ` T${c.transpose}` : ''}`;
}
