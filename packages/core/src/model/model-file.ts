import type { DistributionEstimator, EstimatorConfig, JsonValue } from '../estimator/contract';
import { LSTM_GATE_ORDER, resolveEncoderConfig, type EncoderConfig } from '../encoder/config';
import { ModelFileError } from '../io/model-file-error';
import { conditioningChannels, conditioningSpecToJson, validateConditioningSpec, type ConditioningSpec } from '../conditioning/spec';

/** What model.json says about the model (besides the weights manifest written by the io layer). */
export interface ParsedModelJson {
  /** The encoder configuration (validated, defaults filled). */
  readonly encoder: EncoderConfig;
  /** The namespaced class name of the estimator, e.g. `@rnn-nade/estimator-nade>NADE`. */
  readonly estimatorClassName: string;
  /** The estimator's config, for its factory's `fromConfig`. */
  readonly estimatorConfig: EstimatorConfig;
  /** Free-form metadata saved with the model (empty object when absent). */
  readonly metadata: Record<string, JsonValue>;
  /** What the model is conditioned on (`model.conditioning`), or null. */
  readonly conditioning: ConditioningSpec | null;
}

/** A line-by-line description of the forward pass, stored in model.json for other tools. */
export const FORWARD_PASS_DESCRIPTION: readonly string[] = [
  'Input at step t is frame t-1 (a zero frame at t = 0); the params at step t condition frame t.',
  'Recurrent layers: model.encoder.cell is "lstm" (weights encoder/lstm<l>/*) or "rnn" (weights encoder/rnn<l>/*); a file without "cell" is "lstm".',
  `LSTM layer l: z = x_t @ encoder/lstm<l>/kernel + h_{t-1} @ encoder/lstm<l>/recurrentKernel + encoder/lstm<l>/bias, gate blocks (${LSTM_GATE_ORDER}) of width hidden; i,f,o = sigmoid, g = tanh; c_t = f*c_{t-1} + i*g; h_t = o*tanh(c_t); h_0 = c_0 = 0. Layer l > 0 reads layer l-1's h_t.`,
  "RNN layer l (plain tanh RNN): h_t = tanh(x_t @ encoder/rnn<l>/kernel + h_{t-1} @ encoder/rnn<l>/recurrentKernel + encoder/rnn<l>/bias), kernel [in, hidden], recurrentKernel [hidden, hidden], bias [hidden]; h_0 = 0. Layer l > 0 reads layer l-1's h_t.",
  'Attention (attentionWindow W > 0): window m_1..m_W = top-layer h_{t-W+1..t} (states before the sequence start are excluded); s_k = (h_t @ encoder/attention/query) . m_k / sqrt(hidden); a = softmax(s); context = sum_k a_k m_k; features = [h_t, context]. Without attention features = h_t.',
  'Projection: if projectionHidden > 0, u = relu(features @ projection/hidden/kernel + projection/hidden/bias), else u = features; params = u @ projection/output/kernel + projection/output/bias; with model.encoder.inputSkip, plus x_t @ projection/skip/kernel (x_t = the input of layer 0), where with model.encoder.inputSkipGate x_t is first multiplied elementwise by sigmoid(features @ projection/skipGate/kernel + projection/skipGate/bias).',
  'params is split into the estimator slices listed in model.paramLayout, in order.',
  'Dropout (training only) does not change the evaluation forward pass.',
];

/** How a conditioned model's input is laid out (stored as `model.conditioningInput` only in conditioned model files). */
export const CONDITIONING_INPUT_DESCRIPTION =
  'Layer 0 reads x_t = [frame t-1, conditioning row t]: model.encoder.inputDim frame values, then model.encoder.conditioningChannels channels, the features of model.conditioning in order (metric: one-hot step in beat [stepsPerBeat], then one-hot beat in bar [beatsPerBar], then with barsPerPhrase one-hot bar in phrase [barsPerPhrase]; label: one-hot over classes; user: the given values; lookback: frame t-lag for every lag in order, zeros before the start [lags.length * inputDim], then with repeats one bit per lag, 1 when frame t-1 equals frame t-1-lag). encoder/<cell>0/kernel has inputDim + conditioningChannels rows in that order.';

/** Builds the model.json content (minus format fields and weights manifest); `conditioning` is written only when given. */
export function buildModelJson(
  encoder: EncoderConfig,
  estimator: DistributionEstimator,
  metadata: Record<string, JsonValue>,
  conditioning: ConditioningSpec | null = null,
): Record<string, JsonValue> {
  const cond: { [key: string]: JsonValue } = conditioning
    ? { conditioning: conditioningSpecToJson(conditioning), conditioningInput: CONDITIONING_INPUT_DESCRIPTION }
    : {};
  return {
    model: {
      type: 'sequence-model',
      encoder: { ...encoder } as { [key: string]: JsonValue },
      lstmGateOrder: LSTM_GATE_ORDER,
      paramSize: estimator.paramSize,
      paramLayout: estimator.paramLayout.map((s) => {
        const slice: { [k: string]: JsonValue } = { name: s.name, size: s.size };
        if (s.description !== undefined) slice.description = s.description;
        return slice;
      }),
      forwardPass: [...FORWARD_PASS_DESCRIPTION],
      ...cond,
    },
    estimator: { className: estimator.className, config: estimator.getConfig() },
    metadata,
  };
}

/**
 * Validates and reads model.json's model/estimator/metadata sections.
 * @throws ModelFileError MALFORMED_JSON when a section is missing or invalid.
 */
export function parseModelJson(dir: string, json: Record<string, JsonValue>): ParsedModelJson {
  const bad = (why: string): never => {
    throw new ModelFileError('MALFORMED_JSON', dir, `Invalid model.json: ${why}`);
  };
  const model = json.model;
  if (!isObject(model)) return bad('missing "model" object');
  if (model.lstmGateOrder !== undefined && model.lstmGateOrder !== LSTM_GATE_ORDER) {
    bad(`unsupported LSTM gate order ${JSON.stringify(model.lstmGateOrder)} (this library uses "${LSTM_GATE_ORDER}")`);
  }
  if (!isObject(model.encoder)) return bad('missing "model.encoder"');
  let encoder: EncoderConfig;
  try {
    encoder = resolveEncoderConfig(model.encoder as unknown as EncoderConfig);
  } catch (error) {
    return bad(`model.encoder: ${(error as Error).message}`);
  }
  const est = json.estimator;
  if (!isObject(est) || typeof est.className !== 'string' || !isObject(est.config)) {
    return bad('missing "estimator.className" or "estimator.config"');
  }
  const metadata = isObject(json.metadata) ? json.metadata : {};
  const conditioning = parseConditioning(model.conditioning, encoder, bad);
  return { encoder, estimatorClassName: est.className, estimatorConfig: est.config, metadata, conditioning };
}

/** `model.conditioning`, validated and checked against the encoder's `conditioningChannels`. */
function parseConditioning(value: JsonValue | undefined, encoder: EncoderConfig, bad: (why: string) => never): ConditioningSpec | null {
  const declared = encoder.conditioningChannels ?? 0;
  if (value === undefined) {
    if (declared > 0) bad(`model.encoder.conditioningChannels is ${declared} but "model.conditioning" is missing`);
    return null;
  }
  let spec: ConditioningSpec;
  try {
    spec = validateConditioningSpec(value, { frameDim: encoder.inputDim });
  } catch (error) {
    return bad(`model.conditioning: ${(error as Error).message}`);
  }
  const C = conditioningChannels(spec);
  if (C !== declared) bad(`model.conditioning has ${C} channels but model.encoder.conditioningChannels is ${declared}`);
  return spec;
}

function isObject(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
