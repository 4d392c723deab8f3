import * as tf from '@tensorflow/tfjs-core';
import type { DataSpec, SequenceData } from '../data/sequence';
import type { DistributionEstimator, JsonValue } from '../estimator/contract';
import { getEstimatorFactory } from '../estimator/registry';
import { resolveEncoderConfig, type EncoderConfig, type EncoderConfigInput } from '../encoder/config';
import { EncoderNetwork, disposeState, type EncoderState } from '../encoder/network';
import { createVariables, encoderWeightShapes, initEncoderWeights } from '../encoder/weights';
import { evaluateModel, type EvaluateOptions, type EvaluationResult } from '../eval/evaluate';
import { expectTensorShapes, type ModelDirContents } from '../io/model-artifacts';
import { encodeModelArtifacts, type ModelArtifacts } from '../io/encode-artifacts';
import type { TensorData } from '../io/model-artifacts';
import { resolveModelIO, type ModelIOHandler } from '../io/model-io';
import { sampleModel, type ModelSampleOptions } from '../sample/sample';
import { ConfigError, ShapeError } from '../util/errors';
import { Rng } from '../util/rng';
import { countFrames, type PaddedBatch } from './batches';
import { buildModelJson, parseModelJson } from './model-file';
import { buildCheckedEstimator, checkEncoderTensors } from './model-contents';
import { validateModelMetadata } from './model-metadata';
import { encoderInputsTimeMajor, toTimeMajor } from './time-major';
import { checkBatchConditioning } from '../conditioning/check';
import { conditioningChannels, validateConditioningSpec, type ConditioningSpec } from '../conditioning/spec';

/** Options of {@link SequenceModel.create}. */
export interface SequenceModelOptions {
  /** Encoder hyper-parameters (defaults: {@link DEFAULT_ENCODER_CONFIG}); `inputDim` must equal the estimator's `dim`. */
  encoder: EncoderConfigInput;
  /** The distribution estimator of each frame given the encoder state. */
  estimator: DistributionEstimator;
  /** Seed of the encoder/projection initialisation (default 1). */
  seed?: number;
  /**
   * Per-step side features the encoder reads beside the previous frame (metric position, labels,
   * user arrays); the first layer then reads `inputDim + conditioningChannels(spec)` values per step.
   * Sequences given to training, evaluation and sampling must carry matching `conditioning`.
   */
  conditioning?: ConditioningSpec;
}

/** Options of {@link SequenceModel.batchLoss}. */
export interface BatchLossOptions {
  /** Enables dropout (and tells the estimator it is training). */
  training: boolean;
  /** Source of dropout masks and of any randomness in the estimator's loss. */
  rng: Rng;
  /** The state carried from the previous chunk; required when `batch.reset` is false, ignored otherwise. */
  state?: EncoderState;
}

/** Result of {@link SequenceModel.batchLoss}. */
export interface BatchLossResult {
  /** Sum of the estimator's per-frame loss over the masked (real) frames: a scalar, differentiable. */
  loss: tf.Scalar;
  /** Number of real frames in the batch. */
  frames: number;
  /** State after the chunk, detached (not part of the gradient); the caller disposes it. */
  finalState: EncoderState;
}

/** One weight as plain data. */
export interface WeightData {
  /** Shape of the tensor. */
  shape: number[];
  /** Row-major values. */
  data: Float32Array;
}

/** Weights as plain data, by stable name. */
export type WeightMap = Record<string, WeightData>;

/** A model read from a model file, with the free-form metadata saved beside it. */
export interface LoadedModel {
  /** The rebuilt model, weights assigned. */
  model: SequenceModel;
  /** The `metadata` given to {@link SequenceModel.save} (training info, data spec, ...). */
  metadata: Record<string, JsonValue>;
}

/**
 * An RNN sequence model: an encoder (stacked LSTM, optional windowed attention, dropout) and a
 * projection produce, at every step t, the conditioning params of a {@link DistributionEstimator}
 * for frame t given frames < t. The first frame is predicted from the initial state (zero input
 * frame) and is scored.
 *
 * @example
 * ```ts
 * await initBackend();
 * const model = SequenceModel.create({ encoder: { inputDim: 88, hidden: 150 }, estimator: bernoulli({ dim: 88 }), seed: 1 });
 * const rng = new Rng(1);
 * for (const batch of makeBatches(train, { batchSize: 16, chunkSteps: 64, rng })) {
 *   // ... tf.variableGrads(() => model.batchLoss(batch, { training: true, rng }).loss, ...)
 * }
 * const { logLikelihoodPerStep } = await model.evaluate(test);
 * const song = await model.sample({ steps: 64, seed: 7 });
 * ```
 */
export class SequenceModel {
  /** The estimator of each frame. */
  readonly estimator: DistributionEstimator;
  /** The resolved encoder configuration. */
  readonly encoderConfig: EncoderConfig;
  /** Every trainable variable by a stable name: `encoder/...`, `projection/...`, `estimator/<name>`. */
  readonly variables: Readonly<Record<string, tf.Variable>>;
  /** The encoder + projection as tensor functions (advanced use: custom loops, tests). */
  readonly network: EncoderNetwork;
  /**
   * What the frames mean (grid, pitch range): set by `train()` from data that carries a
   * `dataSpec` (e.g. `loadCorpus`), read back from `metadata.data` on load, and saved as
   * `metadata.data` unless the save's metadata has its own `data`.
   */
  dataSpec: DataSpec | undefined = undefined;
  /** What the model is conditioned on besides the previous frame, or null (see {@link SequenceModelOptions.conditioning}). */
  readonly conditioning: ConditioningSpec | null;
  private readonly ownVariables: Record<string, tf.Variable>;
  private disposed = false;

  private constructor(config: EncoderConfig, estimator: DistributionEstimator, seed: number, conditioning: ConditioningSpec | null) {
    if (config.inputDim !== estimator.dim) {
      throw new ConfigError(`Encoder inputDim ${config.inputDim} differs from the estimator's dim ${estimator.dim}.`);
    }
    if ((config.conditioningChannels ?? 0) !== conditioningChannels(conditioning)) {
      throw new ConfigError(
        `Encoder conditioningChannels ${config.conditioningChannels ?? 0} differs from the conditioning spec's ${conditioningChannels(conditioning)} channels.`,
      );
    }
    this.conditioning = conditioning;
    this.encoderConfig = config;
    this.estimator = estimator;
    const shapes = encoderWeightShapes(config, estimator.paramSize);
    this.ownVariables = createVariables(initEncoderWeights(config, estimator.paramSize, new Rng(seed)), shapes);
    const all: Record<string, tf.Variable> = { ...this.ownVariables };
    for (const [name, v] of Object.entries(estimator.weights)) all[`estimator/${name}`] = v;
    this.variables = all;
    this.network = new EncoderNetwork(config, estimator.paramSize, all);
  }

  /** Builds a model with freshly (seeded) initialised encoder and projection weights. */
  static create(options: SequenceModelOptions): SequenceModel {
    const spec = options.conditioning === undefined ? null : validateConditioningSpec(options.conditioning);
    const C = conditioningChannels(spec);
    const given = options.encoder.conditioningChannels;
    if (given !== undefined && given !== C) {
      throw new ConfigError(`encoder.conditioningChannels is ${given} but the conditioning spec has ${C} channels (leave it out: the spec sets it).`);
    }
    const config = resolveEncoderConfig({ ...options.encoder, conditioningChannels: C });
    return new SequenceModel(config, options.estimator, options.seed ?? 1, spec);
  }

  /** Shape of every variable by name (what a model file must contain). */
  weightShapes(): Record<string, number[]> {
    const shapes: Record<string, number[]> = {};
    for (const [name, v] of Object.entries(this.variables)) shapes[name] = [...v.shape];
    return shapes;
  }

  /**
   * Loss of one padded chunk: the sum of `estimator.loss` over the masked frames, usable inside
   * `tf.variableGrads`, and the state after the chunk (detached) to carry into the next chunk.
   * The incoming `state` is not disposed (the caller owns it).
   */
  batchLoss(batch: PaddedBatch, options: BatchLossOptions): BatchLossResult {
    this.assertAlive();
    const { batchSize: B, steps: L, dim: D } = batch;
    if (D !== this.encoderConfig.inputDim) throw new ShapeError(`Batch frame size ${D} differs from the model's ${this.encoderConfig.inputDim}.`);
    if (batch.inputs.length !== B * L * D || batch.targets.length !== B * L * D || batch.mask.length !== B * L) {
      throw new ShapeError(`Batch arrays do not match batchSize=${B}, steps=${L}, dim=${D}.`);
    }
    if (!batch.reset && !options.state) {
      throw new ConfigError('batch.reset is false: pass the finalState of the previous chunk as options.state.');
    }
    checkBatchConditioning(this.conditioning, batch);
    const start = batch.reset ? this.network.initialState(B) : options.state!;
    let finalState: EncoderState = [];
    try {
      const loss = tf.tidy(() => {
        const C = conditioningChannels(this.conditioning);
        const x = tf.tensor3d(encoderInputsTimeMajor(batch, C), [L, B, D + C]);
        const out = this.network.forward(x, start, { training: options.training, rng: options.rng });
        finalState = out.state;
        const y = tf.tensor2d(toTimeMajor(batch.targets, B, L, D), [L * B, D]);
        const m = tf.tensor1d(toTimeMajor(batch.mask, B, L, 1));
        const perFrame = this.estimator.loss(out.params, y, { rng: options.rng, training: options.training });
        return tf.sum(tf.mul(perFrame, m)) as tf.Scalar;
      });
      return { loss, frames: countFrames(batch), finalState };
    } finally {
      if (batch.reset) disposeState(start);
    }
  }

  /**
   * Pooled log-likelihood per step (sum over all frames of log p(frame | history) / number of
   * frames, docs/design.md) and, when `samples` > 0, expected frame accuracy. See {@link evaluateModel}.
   */
  evaluate(seqs: SequenceData[], options: EvaluateOptions = {}): Promise<EvaluationResult> {
    this.assertAlive();
    return evaluateModel(this, seqs, options);
  }

  /** Generates `steps` new frames continuing `primer` (may be empty). See {@link sampleModel}. */
  sample(options: ModelSampleOptions): Promise<SequenceData> {
    this.assertAlive();
    return sampleModel(this, options);
  }

  /** A copy of every weight by name. */
  getWeights(): WeightMap {
    this.assertAlive();
    const out: WeightMap = {};
    for (const [name, v] of Object.entries(this.variables)) out[name] = { shape: [...v.shape], data: v.dataSync() as Float32Array };
    return out;
  }

  /**
   * Replaces weights by name (every name must exist with the same shape; missing names keep their values).
   * @throws ShapeError on an unknown name or a shape mismatch.
   */
  setWeights(weights: WeightMap): void {
    this.assertAlive();
    for (const [name, w] of Object.entries(weights)) {
      const v = this.variables[name];
      if (!v) throw new ShapeError(`Unknown weight "${name}".`);
      const n = v.shape.reduce((a, b) => a * b, 1);
      if (w.shape.length !== v.shape.length || w.shape.some((d, i) => d !== v.shape[i]) || w.data.length !== n) {
        throw new ShapeError(`Weight "${name}" has shape [${w.shape}] (${w.data.length} values), the model expects [${v.shape}].`);
      }
    }
    for (const [name, w] of Object.entries(weights)) {
      const v = this.variables[name]!;
      tf.tidy(() => v.assign(tf.tensor(w.data, v.shape, 'float32')));
    }
  }

  /**
   * Saves the model through a {@link ModelIOHandler}, or a string routed to one by
   * `resolveModelIO`: `indexeddb://name` (browsers), or a folder path (`model.json` + weights,
   * crash-safe, see `writeModelDir`) once `@rnn-nade/core/node` has been imported in Node.
   * @throws ConfigError when no handler takes `target` or the handler cannot save.
   *
   * @example
   * ```ts
   * import '@rnn-nade/core/node'; // Node: plain paths save to a folder
   * await model.save('models/jsb', { metadata: { stepsPerQuarter: 4 } });
   * ```
   */
  async save(target: string | ModelIOHandler, options: { metadata?: Record<string, JsonValue> } = {}): Promise<void> {
    this.assertAlive();
    const handler = resolveModelIO(target);
    if (!handler.save) throw new ConfigError(`${handler.source} is read-only: a model cannot be saved there.`);
    const json = buildModelJson(this.encoderConfig, this.estimator, this.metadataWithDataSpec(options.metadata), this.conditioning);
    await handler.save({ json, tensors: this.getWeights() as Record<string, TensorData> });
  }

  /**
   * The model's two files as in-memory values (`model.json` text and the weights bytes), in the
   * same format {@link save} writes: for IndexedDB, a download, or any storage without a file
   * system. Load them back with `decodeModelArtifacts` and {@link SequenceModel.fromContents}.
   *
   * @example
   * ```ts
   * const { modelJson, weights } = await model.toArtifacts({ metadata: { note: 'browser run' } });
   * const { model: copy } = SequenceModel.fromContents(await decodeModelArtifacts(modelJson, weights));
   * ```
   */
  async toArtifacts(options: { metadata?: Record<string, JsonValue> } = {}): Promise<ModelArtifacts> {
    this.assertAlive();
    const json = buildModelJson(this.encoderConfig, this.estimator, this.metadataWithDataSpec(options.metadata), this.conditioning);
    return encodeModelArtifacts(json, this.getWeights() as Record<string, TensorData>);
  }

  /** `metadata` with {@link dataSpec} as its `data` (a `data` given in `metadata` wins). */
  private metadataWithDataSpec(metadata: Record<string, JsonValue> = {}): Record<string, JsonValue> {
    if (this.dataSpec === undefined || metadata.data !== undefined) return metadata;
    const data = Object.fromEntries(Object.entries(this.dataSpec).filter(([, v]) => v !== undefined)) as Record<string, JsonValue>;
    return { data, ...metadata };
  }

  /**
   * Reads a model written by {@link save}: from a {@link ModelIOHandler}, or a string routed by
   * `resolveModelIO` (an http(s) URL, `indexeddb://name`, or a folder path once
   * `@rnn-nade/core/node` has been imported in Node).
   * @throws UnknownEstimatorError when the estimator's package was not imported;
   * ModelFileError (SHAPE_MISMATCH, MISSING_WEIGHTS, MALFORMED_JSON, ...) on a bad file;
   * ConfigError when no handler takes `source`.
   *
   * @example
   * ```ts
   * import '@rnn-nade/core/node';
   * const { model, metadata } = await SequenceModel.load('models/jsb');
   * ```
   */
  static async load(source: string | ModelIOHandler): Promise<LoadedModel> {
    const handler = resolveModelIO(source);
    if (!handler.load) throw new ConfigError(`${handler.source} is write-only: a model cannot be loaded from there.`);
    return SequenceModel.fromContents(await handler.load(), { source: handler.source });
  }

  /**
   * Builds a model from already-read model-file contents (model.json minus its manifest, and the
   * tensors) — the file-system-free half of {@link SequenceModel.load}, used by
   * `loadModelFromUrl` in browsers and by anything that gets the two files another way
   * (see `decodeModelArtifacts`). The estimator's package must have been imported.
   * `source` names the model in error messages.
   * @throws UnknownEstimatorError when the estimator's package was not imported;
   * ModelFileError (SHAPE_MISMATCH, MISSING_WEIGHTS, MALFORMED_JSON, INVALID_METADATA) on
   * inconsistent contents — checked before the model allocates its weights.
   */
  static fromContents(contents: ModelDirContents, options: { source?: string } = {}): LoadedModel {
    const source = options.source ?? 'model';
    const { json, tensors } = contents;
    const parsed = parseModelJson(source, json);
    const factory = getEstimatorFactory(parsed.estimatorClassName);
    // every declared size is checked against the stored tensors before the model allocates anything
    const paramSize = checkEncoderTensors(source, parsed.encoder, tensors);
    const estimator = buildCheckedEstimator(source, factory, parsed.estimatorConfig, { dim: parsed.encoder.inputDim, paramSize, tensors });
    let model: SequenceModel | undefined;
    try {
      validateModelMetadata(source, parsed.metadata, { dim: estimator.dim, domain: estimator.domain });
      model = new SequenceModel(parsed.encoder, estimator, 0, parsed.conditioning);
      expectTensorShapes(source, tensors, model.weightShapes());
      model.setWeights(tensors as WeightMap);
      const data = parsed.metadata.data;
      if (data !== null && typeof data === 'object' && !Array.isArray(data)) model.dataSpec = data as DataSpec;
      return { model, metadata: parsed.metadata };
    } catch (error) {
      if (model) model.dispose();
      else estimator.dispose();
      throw error;
    }
  }

  /** Releases every variable (encoder, projection and the estimator's). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of Object.values(this.ownVariables)) v.dispose();
    this.estimator.dispose();
  }

  private assertAlive(): void {
    if (this.disposed) throw new ConfigError('This SequenceModel has been disposed.');
  }
}
