/**
 * `@rnn-nade/core`: backends, the estimator contract and registry, encoders, the sequence
 * model, training, evaluation, sampling and model files.
 * @module @rnn-nade/core
 */
export type {
  CpuSampler,
  DistributionEstimator,
  EstimatorConfig,
  EstimatorDomain,
  JsonValue,
  LogProbOptions,
  LossOptions,
  ParamSlice,
  SampleOptions,
} from './estimator/contract';
export {
  type EstimatorFactory,
  estimatorFromConfig,
  getEstimatorFactory,
  listEstimators,
  registerEstimator,
  unregisterEstimator,
} from './estimator/registry';
export { Rng } from './util/rng';
export {
  ConditioningError,
  ConfigError,
  NonFiniteLossError,
  RnnNadeError,
  ShapeError,
  UnknownConfigKeyError,
  UnknownEstimatorError,
} from './util/errors';
export {
  CORE_VERSION,
  DuplicateCopyError,
} from './util/single-copy';
export {
  activeBackend,
  BACKEND_NAMES,
  type BackendName,
  initBackend,
  type InitBackendOptions,
} from './backend/select';
export {
  type Conditioning,
  type DatasetSplits,
  type DataSpec,
  pitchesToSequence,
  type PitchRange,
  type SequenceData,
  sequenceToPitches,
} from './data/sequence';
export {
  buildConditioning,
  type BuildConditioningOptions,
  checkSequenceConditioning,
  type ConditioningFeature,
  type ConditioningSlot,
  type ConditioningSpec,
  conditioningChannels,
  conditioningLayout,
  featureChannels,
  type LabelFeature,
  type LookbackFeature,
  type Meter,
  type MetricFeature,
  type MetricPosition,
  metricPositionAt,
  type UserFeature,
  validateConditioningSpec,
  suppliedSpec,
  withDerivedConditioning,
} from './conditioning/index';
export {
  decodeModelArtifacts,
  encodeModelArtifacts,
  indexedDbModelIO,
  type IndexedDbModelIOOptions,
  memoryModelIO,
  type MemoryModelIO,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  type ModelArtifacts,
  type ModelDirContents,
  ModelFileError,
  type ModelFileErrorCode,
  type ModelIOHandler,
  type ModelIORouter,
  registerModelIORouter,
  resolveModelIO,
  type TensorData,
  urlModelIO,
} from './io/index';
export {
  DEFAULT_ENCODER_CONFIG,
  ENCODER_CELLS,
  encoderInputWidth,
  type EncoderCell,
  type EncoderConfig,
  type EncoderConfigInput,
  LSTM_GATE_ORDER,
  RNN_FORMULA,
} from './encoder/index';
export {
  type BatchLossOptions,
  type BatchLossResult,
  type BatchOptions,
  type FetchLike,
  type FetchResponseLike,
  FORWARD_PASS_DESCRIPTION,
  type LoadedModel,
  loadModelFromUrl,
  type LoadModelFromUrlOptions,
  makeBatches,
  type PaddedBatch,
  SequenceModel,
  type SequenceModelOptions,
  type WeightData,
  type WeightMap,
} from './model/index';
export {
  ACCURACY_AVERAGINGS,
  type AccuracyAverages,
  type AccuracyAveraging,
  type EvaluateOptions,
  type EvaluationResult,
} from './eval/index';
export { adaptToPrimer, candidateSeeds, type CompleteSequenceOptions, type CompleteSequenceResult, completeSequence, type ModelSampleOptions } from './sample/index';
// (nothing public in './fast/index')
export {
  type AdamConfig,
  type BatchEndInfo,
  type Batcher,
  type CallbackResult,
  CheckpointError,
  type ConstantSchedule,
  type CosineRestartsSchedule,
  DEFAULT_DIVERGENCE,
  DivergenceError,
  type DivergenceOptions,
  describeSchedule,
  type EarlyStoppingOptions,
  type EpochEndInfo,
  type EpochRecord,
  type ExponentialSchedule,
  LEARNING_RATE_SCHEDULE_KINDS,
  type LearningRateSchedule,
  type LossCurveOptions,
  lossCurveSvg,
  type OptimizerConfig,
  type PlateauSchedule,
  type ProgressMode,
  type ProgressStream,
  randomCrop,
  SCHEDULE_FLAG_NAMES,
  scheduleFromFlags,
  type ScheduleFlagName,
  type ScheduleFlags,
  type SgdConfig,
  type StepSchedule,
  train,
  type TrainableModel,
  type TrainData,
  type TrainHistory,
  type TrainOptions,
  type TrainResult,
  type ValidationCheck,
  type WorkerCount,
  WorkerCrashError,
} from './train/index';
export {
  type BaselineResult,
  noteOneGramBaseline,
  type NoteOneGramOptions,
  type NoteOneGramResult,
  uniformBaseline,
} from './baselines/index';
export {
  fitText,
  textWidth,
} from './svg/text-width';
