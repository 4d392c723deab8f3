import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JsonValue } from '../estimator/contract';

/** One record of a training log: an `event` name, an ISO `time`, and event fields. */
export type TrainLogRecord = TrainLogFields & { [key: string]: JsonValue | undefined };

/** The fields every log record has. */
export interface TrainLogFields {
  /** What happened: `start`, `resume`, `valid`, `epoch`, `interrupted`, `error`, `end`. */
  event: string;
  /** ISO time of the record (added by {@link TrainLog.append}). */
  time?: string;
}

/**
 * An append-only JSON-lines log (`train-log.jsonl`): one JSON object per line, written
 * synchronously so that a killed process keeps every line it logged. On resume the log is cut
 * back to its length at the checkpoint, so it never holds the lines of an epoch that was redone.
 *
 * @example
 * ```ts
 * const log = TrainLog.open('runs/a/train-log.jsonl');
 * log.append({ event: 'epoch', epoch: 0, trainLoss: 9.1 });
 * ```
 */
export class TrainLog {
  private constructor(
    /** The log file. */
    readonly path: string,
  ) {}

  /**
   * Opens (creating directories as needed) a log for appending. `truncateTo` cuts an existing
   * file back to that many bytes; `fresh: true` empties it.
   */
  static open(path: string, options: { truncateTo?: number; fresh?: boolean } = {}): TrainLog {
    mkdirSync(dirname(path), { recursive: true });
    if (options.fresh) {
      truncateOrCreate(path, 0);
    } else if (options.truncateTo !== undefined && existsSync(path) && statSync(path).size > options.truncateTo) {
      truncateSync(path, options.truncateTo);
    }
    return new TrainLog(path);
  }

  /** Appends one record (adds `time` when missing). Undefined fields are dropped. */
  append(record: TrainLogRecord): void {
    const line = JSON.stringify({ time: new Date().toISOString(), ...record });
    appendFileSync(this.path, `${line}\n`);
  }

  /** Current size of the log in bytes (0 when it does not exist yet). */
  get bytes(): number {
    return existsSync(this.path) ? statSync(this.path).size : 0;
  }
}

function truncateOrCreate(path: string, size: number): void {
  if (existsSync(path)) truncateSync(path, size);
  else appendFileSync(path, '');
}

/**
 * Reads a JSON-lines training log. A last line cut short by a crash is ignored.
 *
 * @example
 * ```ts
 * const epochs = readTrainLog('runs/a/train-log.jsonl').filter((r) => r.event === 'epoch');
 * ```
 */
export function readTrainLog(path: string): TrainLogRecord[] {
  const out: TrainLogRecord[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as TrainLogRecord);
    } catch {
      /* partial last line after a crash */
    }
  }
  return out;
}
