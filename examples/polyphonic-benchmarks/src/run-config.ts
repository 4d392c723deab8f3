/**
 * The configuration of one polyphonic-benchmark training run (plain JSON, stored in the model's
 * metadata), its defaults, and parsing from command-line flags.
 */
import { ConfigError, SCHEDULE_FLAG_NAMES, scheduleFromFlags, type LearningRateSchedule, type ScheduleFlagName } from '@rnn-nade/core';

/** Estimators the benchmark trains: ICML 2012's "RNN" (independent Bernoulli) and RNN-NADE. */
export type BenchmarkEstimator = 'bernoulli' | 'nade';

/** The four Boulanger-Lewandowski corpora (quarter-note JSB is the benchmark). */
export const BENCHMARK_CORPORA = ['jsb', 'nottingham', 'piano-midi-de', 'musedata'] as const;

/** One run: corpus, model, optimisation and augmentation settings. */
export interface RunConfig {
  /** Corpus name accepted by `loadCorpus` (`jsb`, `nottingham`, `piano-midi-de`, `musedata`, ...). */
  corpus: string;
  estimator: BenchmarkEstimator;
  /** Recurrent cell: `lstm` or `rnn` (plain tanh RNN, ICML 2012's). */
  cell: 'lstm' | 'rnn';
  /** Units per recurrent layer. */
  hidden: number;
  layers: number;
  /** Windowed causal attention length; 0 = none. */
  attentionWindow: number;
  /** Dropout between layers and on the encoder output (training only). */
  dropout: number;
  /** Units of the ReLU projection layer between the encoder and the params; 0 = linear projection. */
  projectionHidden: number;
  /** NADE hidden units (ignored for Bernoulli). */
  nadeHidden: number;
  /** Adam initial learning rate. */
  lr: number;
  /** Learning-rate schedule: `exp` (× lrDecay per epoch; 1 = constant), `plateau` (× lrFactor after lrPatience flat checks), `cosine` (SGDR). */
  lrSchedule: ScheduleFlagName;
  /** `exp`: per-epoch multiplicative decay of the learning rate (1 = constant). */
  lrDecay: number;
  /** `plateau`: validation checks (epochs) without a new best before the rate is reduced; smaller than `patience`. */
  lrPatience: number;
  /** `plateau`: factor of each reduction. */
  lrFactor: number;
  /** `plateau`: checks after a reduction that count as neither bad nor good. */
  lrCooldown: number;
  /** `cosine`: epochs of the first period (the rate restarts at `lr` after it). */
  restartEpochs: number;
  /** `cosine`: each period this many times longer than the one before. */
  restartMultiplier: number;
  /** Floor of the decayed learning rate (every schedule). */
  minLr: number;
  batchSize: number;
  /** Global-norm gradient clipping threshold; 0 = off. */
  clipNorm: number;
  /** Decoupled (AdamW) weight decay λ: weights shrink by `lr·λ` of themselves per step; 0 = plain Adam. */
  weightDecay: number;
  /** Maximum number of epochs. */
  epochs: number;
  /** Early-stopping patience in validation checks (once per epoch). */
  patience: number;
  /** Wall-clock budget of the training loop in minutes (stops after the epoch that crosses it); 0 = none. */
  maxMinutes: number;
  /** Random per-epoch transposition of each training sequence within ±transpose semitones (kept in range); 0 = off. */
  transpose: number;
  /** 1 = move each training sequence to one of the 12 keys every epoch, uniformly (`randomKeyTransposition`); excludes `transpose`. */
  transposeKeys: number;
  /** Truncated-BPTT chunk length; 0 = whole sequences. */
  chunkSteps: number;
  seed: number;
  /** Use only the first N sequences of each split (smoke runs); 0 = all. */
  maxSequences: number;
}

/** Defaults: the reference RNN-NADE size (LSTM 150, NADE 100) with Adam, clipping and early stopping. */
export const DEFAULT_RUN_CONFIG: RunConfig = {
  corpus: 'jsb',
  estimator: 'nade',
  cell: 'lstm',
  hidden: 150,
  layers: 1,
  attentionWindow: 0,
  dropout: 0,
  projectionHidden: 0,
  nadeHidden: 100,
  lr: 1e-3,
  lrSchedule: 'exp',
  lrDecay: 1,
  lrPatience: 4,
  lrFactor: 0.5,
  lrCooldown: 0,
  restartEpochs: 10,
  restartMultiplier: 1,
  minLr: 0,
  batchSize: 16,
  clipNorm: 5,
  weightDecay: 0,
  epochs: 50,
  patience: 8,
  maxMinutes: 0,
  transpose: 0,
  transposeKeys: 0,
  chunkSteps: 0,
  seed: 1,
  maxSequences: 0,
};

/** A flag value that cannot be used, with the flag's name in the message (a {@link ConfigError}, code `CONFIG`). */
export class RunConfigError extends ConfigError {}

type NumericKey = { [K in keyof RunConfig]: RunConfig[K] extends number ? K : never }[keyof RunConfig];

/** Valid range and integrality of every numeric field. */
const NUMERIC: Record<NumericKey, { min: number; max: number; int: boolean }> = {
  hidden: { min: 1, max: 4096, int: true },
  layers: { min: 1, max: 8, int: true },
  attentionWindow: { min: 0, max: 1024, int: true },
  dropout: { min: 0, max: 0.95, int: false },
  projectionHidden: { min: 0, max: 4096, int: true },
  nadeHidden: { min: 1, max: 4096, int: true },
  lr: { min: 1e-7, max: 1, int: false },
  lrDecay: { min: 0.01, max: 1, int: false },
  lrPatience: { min: 1, max: 100000, int: true },
  lrFactor: { min: 0.01, max: 0.99, int: false },
  lrCooldown: { min: 0, max: 100000, int: true },
  restartEpochs: { min: 1, max: 100000, int: true },
  restartMultiplier: { min: 1, max: 10, int: false },
  minLr: { min: 0, max: 1, int: false },
  batchSize: { min: 1, max: 1024, int: true },
  clipNorm: { min: 0, max: 1e6, int: false },
  weightDecay: { min: 0, max: 100, int: false },
  epochs: { min: 1, max: 100000, int: true },
  patience: { min: 0, max: 100000, int: true },
  maxMinutes: { min: 0, max: 1e6, int: false },
  transpose: { min: 0, max: 12, int: true },
  transposeKeys: { min: 0, max: 1, int: true },
  chunkSteps: { min: 0, max: 1e6, int: true },
  seed: { min: 0, max: 2 ** 31 - 1, int: true },
  maxSequences: { min: 0, max: 1e9, int: true },
};

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Command-line flag names of every config field (`--attention-window`, `--nade-hidden`, ...). */
export const RUN_CONFIG_FLAGS: readonly string[] = Object.keys(DEFAULT_RUN_CONFIG).map(kebab);

/**
 * Checks and completes a partial config (defaults for absent fields).
 * @throws RunConfigError naming the bad field.
 */
export function resolveRunConfig(partial: Partial<RunConfig>): RunConfig {
  const cfg: RunConfig = { ...DEFAULT_RUN_CONFIG, ...partial };
  for (const key of Object.keys(partial)) {
    if (!(key in DEFAULT_RUN_CONFIG)) throw new RunConfigError(`Unknown run setting "${key}".`);
  }
  if (cfg.estimator !== 'nade' && cfg.estimator !== 'bernoulli') {
    throw new RunConfigError(`--estimator must be nade or bernoulli, got "${String(cfg.estimator)}".`);
  }
  if (cfg.cell !== 'lstm' && cfg.cell !== 'rnn') throw new RunConfigError(`--cell must be lstm or rnn, got "${String(cfg.cell)}".`);
  if (typeof cfg.corpus !== 'string' || cfg.corpus === '') throw new RunConfigError('--corpus must be a corpus name.');
  if (!SCHEDULE_FLAG_NAMES.includes(cfg.lrSchedule)) {
    throw new RunConfigError(`--lr-schedule must be one of ${SCHEDULE_FLAG_NAMES.join(', ')}, got "${String(cfg.lrSchedule)}".`);
  }
  for (const [key, spec] of Object.entries(NUMERIC) as [NumericKey, (typeof NUMERIC)[NumericKey]][]) {
    const v = cfg[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < spec.min || v > spec.max || (spec.int && !Number.isInteger(v))) {
      const kind = spec.int ? 'an integer' : 'a number';
      throw new RunConfigError(`--${kebab(key)} must be ${kind} in [${spec.min}, ${spec.max}], got ${JSON.stringify(v)}.`);
    }
  }
  if (cfg.minLr > cfg.lr) throw new RunConfigError(`--min-lr (${cfg.minLr}) must not exceed --lr (${cfg.lr}).`);
  if (cfg.lrSchedule === 'plateau' && cfg.patience > 0 && cfg.lrPatience >= cfg.patience) {
    throw new RunConfigError(
      `--lr-patience (${cfg.lrPatience}) must be smaller than --patience (${cfg.patience}): early stopping would end the run before the rate is reduced.`,
    );
  }
  if (cfg.transposeKeys === 1 && cfg.transpose > 0) throw new RunConfigError('--transpose-keys 1 and --transpose N exclude each other; give one.');
  return cfg;
}

/**
 * Parses `--flag value` / `--flag=value` pairs into a config (unknown flags are errors).
 *
 * @example
 * ```ts
 * parseRunConfig(['--corpus', 'jsb', '--estimator', 'nade', '--dropout=0.3']);
 * ```
 */
export function parseRunConfig(argv: readonly string[]): { config: RunConfig; rest: Record<string, string> } {
  const partial: Record<string, unknown> = {};
  const rest: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new RunConfigError(`Unexpected argument "${arg}".`);
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new RunConfigError(`--${flag} needs a value.`);
      value = next;
      i++;
    }
    const key = camel(flag);
    if (!(key in DEFAULT_RUN_CONFIG)) {
      rest[flag] = value;
      continue;
    }
    const isString = typeof DEFAULT_RUN_CONFIG[key as keyof RunConfig] === 'string';
    const num = value.trim() === '' ? NaN : Number(value);
    if (!isString && !Number.isFinite(num)) throw new RunConfigError(`--${flag} must be a number, got "${value}".`);
    partial[key] = isString ? value : num;
  }
  return { config: resolveRunConfig(partial as Partial<RunConfig>), rest };
}

/**
 * The trainer's learning-rate schedule of a run (`lrSchedule` with its parameters; the floor is `minLr`).
 *
 * @example
 * ```ts
 * learningRateScheduleOf(resolveRunConfig({ lrSchedule: 'plateau', lrPatience: 3 })); // { kind: 'plateau', factor: 0.5, patience: 3, ... }
 * ```
 */
export function learningRateScheduleOf(config: RunConfig): LearningRateSchedule {
  // per-epoch decay keeps the exact shape runs had before the other schedules (floor included even
  // when 0), so that their checkpoints still resume (the schedule is part of the fingerprint)
  if (config.lrSchedule === 'exp' && config.lrDecay !== 1) return { kind: 'exponential', rate: config.lrDecay, minLearningRate: config.minLr };
  return scheduleFromFlags(
    {
      schedule: config.lrSchedule,
      decay: config.lrDecay,
      patience: config.lrPatience,
      factor: config.lrFactor,
      cooldown: config.lrCooldown,
      restartEpochs: config.restartEpochs,
      restartMultiplier: config.restartMultiplier,
      minLearningRate: config.minLr,
    },
    { initial: config.lr },
  );
}

/** The flags that reproduce `config` (only the fields that differ from the defaults, plus corpus and estimator). */
export function runConfigToFlags(config: RunConfig): string[] {
  const out: string[] = [];
  for (const key of Object.keys(DEFAULT_RUN_CONFIG) as (keyof RunConfig)[]) {
    if (key !== 'corpus' && key !== 'estimator' && config[key] === DEFAULT_RUN_CONFIG[key]) continue;
    out.push(`--${kebab(key)}`, String(config[key]));
  }
  return out;
}
