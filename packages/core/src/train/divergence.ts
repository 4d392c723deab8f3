import { NonFiniteLossError, RnnNadeError } from '../util/errors';

/** Training's loss rose far above its starting point: the run diverged. */
export class DivergenceError extends RnnNadeError<'DIVERGED'> {
  constructor(message: string) {
    super('DIVERGED', message);
  }
}

/**
 * When a finite loss counts as divergence. With `reference` = the mean loss per frame of the
 * run's first training batch (the untrained model; about the uniform baseline, e.g. 88 ln 2 =
 * 61 nats for 88 binary keys), training stops once a batch or validation loss per frame exceeds
 * `reference + max(factor × |reference|, margin)`.
 */
export interface DivergenceOptions {
  /** Default 10. */
  readonly factor?: number;
  /** Default 100 nats per frame. */
  readonly margin?: number;
}

/** The default rule: `reference + max(10 × |reference|, 100)`. */
export const DEFAULT_DIVERGENCE: Required<DivergenceOptions> = { factor: 10, margin: 100 };

/** The divergence bound for a reference loss. */
export function divergenceLimit(reference: number, options: DivergenceOptions = {}): number {
  const { factor, margin } = { ...DEFAULT_DIVERGENCE, ...options };
  return reference + Math.max(factor * Math.abs(reference), margin);
}

/** Where a loss was measured, for the message. */
export interface LossSite {
  /** 0-based epoch. */
  readonly epoch: number;
  /** Batch index, for training losses. */
  readonly batch?: number;
  /** Batches in the epoch, for training losses. */
  readonly batches?: number;
  /** Updates applied so far. */
  readonly step: number;
  /** Epochs completed (the last checkpoint's). */
  readonly epochsDone: number;
}

/** Options of {@link DivergenceGuard}. */
export interface DivergenceGuardOptions {
  /** The rule; `false` checks only for NaN / Infinity. */
  readonly rule: DivergenceOptions | false;
  /** The reference loss carried over from a checkpoint (null: the next training loss sets it). */
  readonly reference: number | null;
  /** The run's checkpoint file, named in messages (null without a run folder). */
  readonly checkpoint: string | null;
  /** The learning rate, for the advice. */
  readonly learningRate: number;
  /** Called with the error's code and message before it is thrown (the trainer logs it). */
  readonly onFailure?: (code: string, message: string) => void;
}

/**
 * Stops a training that diverges: a NaN / infinite training or validation loss throws
 * {@link NonFiniteLossError}; a finite loss above {@link divergenceLimit} throws
 * {@link DivergenceError}. Both messages say where it happened, that the last checkpoint is
 * kept, and how to resume with a lower learning rate.
 *
 * @example
 * ```ts
 * const guard = new DivergenceGuard({ rule: {}, reference: null, checkpoint: null, learningRate: 0.5 });
 * guard.checkTrain(61.2, { epoch: 0, batch: 0, batches: 10, step: 0, epochsDone: 0 }); // sets the reference
 * guard.checkTrain(1e9, { epoch: 0, batch: 1, batches: 10, step: 1, epochsDone: 0 });  // throws DivergenceError
 * ```
 */
export class DivergenceGuard {
  private ref: number | null;
  constructor(private readonly options: DivergenceGuardOptions) {
    this.ref = options.reference;
  }

  /** The reference loss (null until the first finite training loss). */
  get reference(): number | null {
    return this.ref;
  }

  /** The current bound, or null (no reference yet, or the rule is off). */
  get limit(): number | null {
    return this.ref === null || this.options.rule === false ? null : divergenceLimit(this.ref, this.options.rule);
  }

  /** Checks a training batch's mean loss per frame (before its update). */
  checkTrain(loss: number, site: LossSite): void {
    if (!Number.isFinite(loss)) this.fail(new NonFiniteLossError(this.message(`training loss ${loss}`, site)));
    if (this.ref === null) this.ref = loss;
    this.checkBound(loss, 'training', site);
  }

  /** Checks a validation loss per frame. */
  checkValid(loss: number, site: LossSite): void {
    if (!Number.isFinite(loss)) this.fail(new NonFiniteLossError(this.message(`validation loss ${loss}`, site)));
    this.checkBound(loss, 'validation', site);
  }

  /** Reports an update that was skipped because its gradient norm was not finite. */
  nonFiniteGradient(gradNorm: number, site: LossSite): never {
    return this.fail(new NonFiniteLossError(this.message(`gradient norm ${gradNorm}`, site)));
  }

  private checkBound(loss: number, what: string, site: LossSite): void {
    const limit = this.limit;
    if (limit !== null && loss > limit) {
      const rule = `more than ${limit.toPrecision(4)} nats/frame = the first batch's ${this.ref!.toPrecision(4)} + max(${this.factor} × |that|, ${this.margin})`;
      this.fail(new DivergenceError(this.message(`${what} loss ${loss.toPrecision(4)} nats/frame, ${rule}`, site)));
    }
  }

  private get factor(): number {
    return (this.options.rule || DEFAULT_DIVERGENCE).factor ?? DEFAULT_DIVERGENCE.factor;
  }

  private get margin(): number {
    return (this.options.rule || DEFAULT_DIVERGENCE).margin ?? DEFAULT_DIVERGENCE.margin;
  }

  private message(what: string, site: LossSite): string {
    const at =
      site.batch === undefined ? `epoch ${site.epoch + 1}` : `epoch ${site.epoch + 1}, batch ${site.batch + 1}/${site.batches} (update ${site.step + 1})`;
    const kept =
      this.options.checkpoint && site.epochsDone > 0
        ? ` The last good checkpoint (after epoch ${site.epochsDone}) is kept in ${this.options.checkpoint}; resume it with a lower learning rate (resume: true, learningRate: ${lower(this.options.learningRate)}; CLI: --resume --lr ${lower(this.options.learningRate)}).`
        : ` Start again with a lower learning rate (e.g. ${lower(this.options.learningRate)}) or a smaller clipNorm.`;
    return `Training diverged: ${what} at ${at}.${kept}`;
  }

  private fail(error: RnnNadeError): never {
    this.options.onFailure?.(error.code, error.message);
    throw error;
  }
}

const lower = (lr: number) => Number((lr / 10).toPrecision(3));
