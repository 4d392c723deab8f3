/**
 * What a warm-started model records about the runs it started from (`metadata.training.initFrom`,
 * nested), read back for its model card and the results page. Pure: no I/O, no tensors.
 */
import type { JsonValue } from '@rnn-nade/core';

/** What a warm-started model records about the model it started from (`metadata.training.initFrom`). */
export interface InitFromInfo {
  /** The folder the weights were read from, relative to the repository root. */
  readonly model: string;
  /** The command that trained those weights (null when the model did not record one). */
  readonly command: string | null;
  /** Epochs, best validation NLL per frame and seconds of that training. */
  readonly epochsCompleted: number | null;
  readonly bestValidLossPerStep: number | null;
  readonly seconds: number | null;
  /** Whether that training ended by early stopping. */
  readonly stoppedEarly: boolean | null;
  /** The warm start of that model in turn, when it had one. */
  readonly initFrom: InitFromInfo | null;
}

const num = (v: JsonValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: JsonValue | undefined): Record<string, JsonValue> | null => (v && typeof v === 'object' && !Array.isArray(v) ? v : null);

/** Reads {@link InitFromInfo} from a saved model's `metadata.training` (the fields it lacks are null). */
export function initFromInfo(model: string, training: JsonValue | undefined): InitFromInfo {
  const t = obj(training) ?? {};
  const inner = obj(t.initFrom);
  return {
    model,
    command: typeof t.command === 'string' ? t.command : null,
    epochsCompleted: num(t.epochsCompleted),
    bestValidLossPerStep: num(t.bestValidLossPerStep),
    seconds: num(t.seconds),
    stoppedEarly: typeof t.stoppedEarly === 'boolean' ? t.stoppedEarly : null,
    initFrom: inner ? initFromInfo(typeof inner.model === 'string' ? inner.model : '?', inner) : null,
  };
}

/**
 * The runs a model was warm-started from (`training.initFrom`, nested), earliest first; empty for
 * a model trained from scratch. At most 20 are read (a deeper chain in a tampered file is cut).
 * @example
 * ```ts
 * const runs = warmStartChain(metadata.training); // [{ command: 'npm run train ...', epochsCompleted: 500, ... }]
 * ```
 */
export function warmStartChain(training: JsonValue | undefined): InitFromInfo[] {
  const chain: InitFromInfo[] = [];
  for (let i = initFromInfo('', training).initFrom; i && chain.length < 20; i = i.initFrom) chain.unshift(i);
  return chain;
}

/**
 * Splits `items` into runs of consecutive items with the same `key` (a chain of warm restarts that
 * repeat one command reads as one group). Items whose key is null are never grouped.
 * @example
 * ```ts
 * groupRepeats(['a', 'b', 'b', 'c'], (c) => c); // [['a'], ['b', 'b'], ['c']]
 * ```
 */
export function groupRepeats<T>(items: readonly T[], key: (item: T) => string | null): T[][] {
  const groups: T[][] = [];
  for (const item of items) {
    const last = groups.at(-1);
    const k = key(item);
    if (last && k !== null && key(last[0]!) === k) last.push(item);
    else groups.push([item]);
  }
  return groups;
}
