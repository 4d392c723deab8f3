import * as tf from '@tensorflow/tfjs-core';
import type { TensorData } from '../io/model-dir';
import { ConfigError } from '../util/errors';

/** Mini-batch SGD with (optionally Nesterov) momentum. */
export interface SgdConfig {
  /** Discriminator. */
  readonly kind: 'sgd';
  /** Momentum coefficient in [0, 1); 0 = plain SGD. Default 0.9. */
  readonly momentum?: number;
  /** Use Nesterov momentum. Default false. */
  readonly nesterov?: boolean;
}

/** Adam (Kingma & Ba 2015) with bias correction, in the PyTorch form `m̂ / (√v̂ + ε)`. */
export interface AdamConfig {
  /** Discriminator. */
  readonly kind: 'adam';
  /** Default 0.9. */
  readonly beta1?: number;
  /** Default 0.999. */
  readonly beta2?: number;
  /** Default 1e-8. */
  readonly epsilon?: number;
  /**
   * Decoupled weight decay (AdamW, Loshchilov & Hutter 2019, PyTorch's `AdamW` form): before each
   * Adam step every variable that has a gradient is shrunk, `θ ← θ · (1 − lr · weightDecay)`, so
   * the decay follows the learning-rate schedule and is not rescaled by the moments. Default 0 (plain Adam).
   */
  readonly weightDecay?: number;
}

/** Which optimizer to use and its hyper-parameters (the learning rate is passed per step). */
export type OptimizerConfig = SgdConfig | AdamConfig;

/**
 * The complete state of an optimizer as plain data: its config, the number of updates applied
 * and every slot (moment) array by `"<slot>/<variable name>"`. Restoring it with
 * {@link Optimizer.setState} continues bit-identically.
 */
export interface OptimizerState {
  /** The optimizer's configuration (its `kind` must match on restore). */
  readonly config: OptimizerConfig;
  /** Number of updates applied so far. */
  readonly step: number;
  /** Slot arrays, e.g. `m/encoder/lstm0/kernel`, with their shapes. */
  readonly slots: Record<string, TensorData>;
}

/**
 * A first-order optimizer written on tfjs ops whose state is plain data (so that it can be
 * checkpointed and restored exactly). Variables and gradients are keyed by stable names.
 */
export interface Optimizer {
  /** The configuration it was created with (defaults filled in). */
  readonly config: Required<SgdConfig> | Required<AdamConfig>;
  /** Number of updates applied. */
  readonly step: number;
  /**
   * Applies one update `variables[name] -= f(grads[name])` with learning rate `learningRate`.
   * Variables without a gradient are left untouched. Does not dispose `grads`.
   */
  apply(variables: Readonly<Record<string, tf.Variable>>, grads: Readonly<Record<string, tf.Tensor>>, learningRate: number): void;
  /** A plain-data snapshot of the state (copies; safe to keep). */
  getState(): OptimizerState;
  /** Restores a snapshot from {@link getState}; throws ConfigError if the kind differs. */
  setState(state: OptimizerState): void;
  /** Releases the slot tensors. */
  dispose(): void;
}

/** Fills in defaults and validates an optimizer config. */
export function resolveOptimizerConfig(config: OptimizerConfig): Required<SgdConfig> | Required<AdamConfig> {
  const inUnit = (v: number, name: string, closedLow: boolean) => {
    if (!Number.isFinite(v) || v < 0 || v >= 1 || (!closedLow && v === 0)) {
      throw new ConfigError(`Optimizer ${name} must be in ${closedLow ? '[0' : '(0'}, 1), got ${v}.`);
    }
    return v;
  };
  if (config.kind === 'sgd') {
    return { kind: 'sgd', momentum: inUnit(config.momentum ?? 0.9, 'momentum', true), nesterov: config.nesterov ?? false };
  }
  if (config.kind === 'adam') {
    const epsilon = config.epsilon ?? 1e-8;
    if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new ConfigError(`Adam epsilon must be > 0, got ${epsilon}.`);
    const weightDecay = config.weightDecay ?? 0;
    if (!(weightDecay >= 0) || !Number.isFinite(weightDecay)) throw new ConfigError(`Adam weightDecay must be a finite number >= 0, got ${weightDecay}.`);
    return {
      kind: 'adam',
      beta1: inUnit(config.beta1 ?? 0.9, 'beta1', true),
      beta2: inUnit(config.beta2 ?? 0.999, 'beta2', true),
      epsilon,
      weightDecay,
    };
  }
  throw new ConfigError(`Unknown optimizer kind "${(config as { kind: unknown }).kind}". Valid: sgd, adam.`);
}

/**
 * Base class holding named slot variables; subclasses implement the update rule.
 * @internal
 */
export abstract class SlotOptimizer implements Optimizer {
  abstract readonly config: Required<SgdConfig> | Required<AdamConfig>;
  /** Number of updates applied (see {@link step}). */
  protected stepCount = 0;
  private readonly slots = new Map<string, tf.Variable>();

  /** Number of updates applied. */
  get step(): number {
    return this.stepCount;
  }

  /** See {@link Optimizer.apply}. */
  abstract apply(variables: Readonly<Record<string, tf.Variable>>, grads: Readonly<Record<string, tf.Tensor>>, learningRate: number): void;

  /** The slot variable `<slot>/<name>`, created as zeros shaped like `like` when missing. */
  protected slot(slot: string, name: string, like: tf.Tensor): tf.Variable {
    const key = `${slot}/${name}`;
    let v = this.slots.get(key);
    if (!v) {
      v = tf.tidy(() => tf.variable(tf.zeros(like.shape), false));
      this.slots.set(key, v);
    } else if (!tf.util.arraysEqual(v.shape, like.shape)) {
      throw new ConfigError(`Optimizer slot "${key}" has shape [${v.shape}] but the variable has [${like.shape}].`);
    }
    return v;
  }

  /** See {@link Optimizer.getState}. */
  getState(): OptimizerState {
    const slots: Record<string, { shape: number[]; data: Float32Array }> = {};
    for (const [key, v] of [...this.slots.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      slots[key] = { shape: [...v.shape], data: Float32Array.from(v.dataSync() as Float32Array) };
    }
    return { config: { ...this.config }, step: this.stepCount, slots };
  }

  /** See {@link Optimizer.setState}. */
  setState(state: OptimizerState): void {
    if (state.config.kind !== this.config.kind) {
      throw new ConfigError(`Cannot restore a "${state.config.kind}" optimizer state into a "${this.config.kind}" optimizer.`);
    }
    if (!Number.isInteger(state.step) || state.step < 0) throw new ConfigError(`Invalid optimizer step ${state.step}.`);
    this.dispose();
    for (const [key, { shape, data }] of Object.entries(state.slots)) {
      if (shape.reduce((a, b) => a * b, 1) !== data.length) {
        throw new ConfigError(`Optimizer slot "${key}" has shape [${shape}] but ${data.length} values.`);
      }
      this.slots.set(
        key,
        tf.tidy(() => tf.variable(tf.tensor(Float32Array.from(data), shape, 'float32'), false)),
      );
    }
    this.stepCount = state.step;
  }

  /** See {@link Optimizer.dispose}. */
  dispose(): void {
    for (const v of this.slots.values()) v.dispose();
    this.slots.clear();
  }
}
