import type { RunLock } from '../io/folder-lock';
import { ConfigError } from '../util/errors';
import type { RunState } from './run-state';
import type { TrainLogRecord } from './train-log';
import type { RunFiles } from './train-options';

/** Where `train()` appends its JSON-lines log records. */
export interface TrainLogSink {
  /** Appends one record (adds `time` when missing). */
  append(record: TrainLogRecord): void;
  /** Size of the log so far in bytes (stored in checkpoints so that a resume can cut the log back). */
  readonly bytes: number;
}

/**
 * The sinks of one run folder: checkpoint, log and loss curve. `train()` is the same loop
 * everywhere; with `runDir` it writes through the sinks that `@rnn-nade/core/node` provides
 * (files, a folder lock, atomic checkpoints). Another platform can register its own with
 * {@link registerRunDirSinks}.
 */
export interface RunDirSinks {
  /** The names of the run's checkpoint, log and loss-curve (reported in `TrainResult.files`). */
  readonly files: RunFiles;
  /** The saved run state, or `undefined` when there is no checkpoint yet. */
  loadState(): Promise<RunState | undefined>;
  /** Stores the run state (atomically: a crash keeps the previous one). */
  saveState(state: RunState): Promise<void>;
  /** Opens the log: `fresh` empties it, `truncateTo` cuts it back to that many bytes. */
  openLog(options: { fresh?: boolean; truncateTo?: number }): TrainLogSink;
  /** Writes the loss-curve picture. */
  writeLossCurve(svg: string): Promise<void>;
  /** Ends the run (releases the folder lock it took). */
  release(): Promise<void>;
}

/** Opens the sinks of a run folder; see {@link registerRunDirSinks}. */
export type RunDirSinksFactory = (dir: string, options: { lock?: RunLock; onMessage?: (message: string) => void }) => Promise<RunDirSinks>;

let factory: RunDirSinksFactory | null = null;

/**
 * Makes `train({ runDir })` write through `open`. `@rnn-nade/core/node` registers the file sinks
 * (checkpoint file, JSON-lines log, SVG loss curve, folder lock); there is none in the main entry.
 */
export function registerRunDirSinks(open: RunDirSinksFactory): void {
  factory = open;
}

/**
 * The sinks for `dir` from the registered factory.
 * @throws ConfigError when none is registered (a browser, or Node without `@rnn-nade/core/node`).
 */
export async function openRunDirSinks(dir: string, options: { lock?: RunLock; onMessage?: (message: string) => void }): Promise<RunDirSinks> {
  if (!factory) {
    throw new ConfigError(`train() got runDir "${dir}", but no run-folder storage is available: import '@rnn-nade/core/node' (Node) or leave runDir out.`);
  }
  return factory(dir, options);
}
