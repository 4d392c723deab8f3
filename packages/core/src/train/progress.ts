import type { EpochRecord } from './history';

/**
 * How training reports progress: `'bar'` redraws one line per batch (for terminals), `'lines'`
 * prints one plain line per epoch (for logs and pipes), `'none'` is silent, and `'auto'` picks
 * `'bar'` when the stream is a TTY, else `'lines'`.
 */
export type ProgressMode = 'auto' | 'bar' | 'lines' | 'none';

/** Where progress goes: anything with `write` (default `process.stderr`; `console.log` where there is no `process`). */
export interface ProgressStream {
  /** Writes text. */
  write(text: string): unknown;
  /** True for a terminal (the bar is drawn only there in `'auto'` mode). */
  readonly isTTY?: boolean;
  /** Terminal width, for the bar. */
  readonly columns?: number;
}

/** Batch progress as shown by the bar. */
export interface BatchProgress {
  /** 0-based epoch. */
  readonly epoch: number;
  /** 0-based chunk index within the epoch. */
  readonly batch: number;
  /** Chunks in the epoch. */
  readonly batches: number;
  /** Running mean training loss per frame in this epoch. */
  readonly loss: number;
  /** Seconds since the epoch started. */
  readonly elapsed: number;
}

/** `process.stderr` in Node; in browsers and workers (no `process`), lines go to `console.log`. */
function defaultStream(): ProgressStream {
  const stderr = (globalThis as { process?: { stderr?: ProgressStream } }).process?.stderr;
  const plain = (text: string) => text.replaceAll('\r', '').replaceAll('\x1b[K', '').trimEnd();
  return (
    stderr ?? {
      write: (text: string) => {
        if (text.trim()) console.log(plain(text));
      },
    }
  );
}

const fmtLoss = (v: number | null) => (v === null ? '-' : Number.isFinite(v) ? v.toFixed(4) : String(v));

/**
 * Renders training progress to a stream.
 *
 * @example
 * ```ts
 * const p = new ProgressReporter({ mode: 'auto', epochs: 10 });
 * p.batch({ epoch: 0, batch: 3, batches: 15, loss: 9.2, elapsed: 1.5 });
 * ```
 */
export class ProgressReporter {
  /** The resolved mode. */
  readonly mode: 'bar' | 'lines' | 'none';
  private readonly stream: ProgressStream;
  private readonly epochs: number;
  private lastDraw = 0;
  private drawn = false;

  constructor(options: { mode?: ProgressMode; stream?: ProgressStream; epochs: number }) {
    this.stream = options.stream ?? defaultStream();
    const mode = options.mode ?? 'auto';
    this.mode = mode === 'auto' ? (this.stream.isTTY ? 'bar' : 'lines') : mode;
    this.epochs = options.epochs;
  }

  /** Called after each batch; redraws the bar at most 10 times a second (and on the last batch). */
  batch(p: BatchProgress): void {
    if (this.mode !== 'bar') return;
    const now = Date.now();
    if (p.batch + 1 < p.batches && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = Math.max(10, Math.min(30, (this.stream.columns ?? 80) - 60));
    const done = Math.round((width * (p.batch + 1)) / p.batches);
    const eta = p.batch >= 0 ? (p.elapsed / (p.batch + 1)) * (p.batches - p.batch - 1) : 0;
    const line =
      `epoch ${p.epoch + 1}/${this.epochs} [${'#'.repeat(done)}${'.'.repeat(width - done)}] ` +
      `${p.batch + 1}/${p.batches} loss ${fmtLoss(p.loss)} ${p.elapsed.toFixed(1)}s eta ${eta.toFixed(0)}s`;
    this.stream.write(`\r${line}\x1b[K`);
    this.drawn = true;
  }

  /** Called at the end of an epoch: one summary line in both `bar` and `lines` modes. */
  epoch(record: EpochRecord, extra: { best: number | null }): void {
    if (this.mode === 'none') return;
    const line =
      `epoch ${record.epoch + 1}/${this.epochs}  train ${fmtLoss(record.trainLoss)}  valid ${fmtLoss(record.validLoss)}` +
      `${record.improved ? ' *' : '  '}  best ${fmtLoss(extra.best)}  lr ${record.learningRate.toExponential(2)}  ${record.seconds.toFixed(1)}s`;
    this.stream.write(`${this.clear()}${line}\n`);
  }

  /** A free-form line (resume, early stop, ...). */
  message(text: string): void {
    if (this.mode === 'none') return;
    this.stream.write(`${this.clear()}${text}\n`);
  }

  private clear(): string {
    if (!this.drawn) return '';
    this.drawn = false;
    return '\r\x1b[K';
  }
}
