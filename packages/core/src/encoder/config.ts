import { ConfigError } from '../util/errors';

/**
 * Encoder + projection hyper-parameters (plain JSON, saved in model.json).
 *
 * The network reads frames x_0..x_{t-1} and produces, at step t, the estimator's conditioning
 * vector params_t for frame x_t:
 *
 * 1. `layers` stacked recurrent layers of `hidden` units: LSTM (`cell: 'lstm'`, gate order i, f, g, o;
 *    see {@link LSTM_GATE_ORDER}) or plain tanh RNN (`cell: 'rnn'`, see {@link RNN_FORMULA});
 * 2. when `attentionWindow` = W > 0, windowed causal dot-product attention of the top-layer
 *    state h_t over the W most recent top-layer states h_{t-W+1..t} (h_t included), whose
 *    context vector is concatenated to h_t (features of size 2·hidden);
 * 3. dropout (training only) on the input of every layer above the first and on the features;
 * 4. a projection features -> params: linear, or one ReLU hidden layer of `projectionHidden` units first;
 * 5. with `inputSkip`, plus a linear map of the step's input itself (previous frame and
 *    conditioning row) straight to the params, beside the recurrent path; with `inputSkipGate`
 *    each input channel of that map is first scaled by a gate in (0, 1) computed from the features.
 */
export interface EncoderConfig {
  /** Frame dimension D (88 for piano rolls). */
  inputDim: number;
  /** Recurrent cell of every layer: `'lstm'` (default) or `'rnn'` (plain tanh RNN, as ICML 2012's RNN-NADE). */
  cell: EncoderCell;
  /** Units per recurrent layer (reference: 150). */
  hidden: number;
  /** Number of stacked recurrent layers, >= 1. */
  layers: number;
  /** 0 = no attention; W > 0 = attention over the last W top-layer states, concatenated to h_t. */
  attentionWindow: number;
  /** Dropout rate in [0, 1) between layers and on the encoder output; training only. */
  dropout: number;
  /** 0 = linear projection features -> params; > 0 = one ReLU hidden layer of this size first. */
  projectionHidden: number;
  /**
   * Conditioning channels C read beside the frame (layer 0 reads `inputDim + C` values per step:
   * the previous frame, then the step's conditioning row). Absent (= 0) for unconditioned models;
   * set by `SequenceModel.create` from its `conditioning` spec.
   */
  conditioningChannels?: number;
  /**
   * Adds a linear skip from the layer-0 input x_t = [frame t-1, conditioning row t] straight to
   * the params (`projection/skip/kernel` `[inputDim + C, P]`, initialised to zero). With
   * lookback conditioning it lets the model copy frame t-lag into the estimator's biases without
   * squeezing it through the recurrent state. Absent (= false) by default.
   */
  inputSkip?: boolean;
  /**
   * With `inputSkip`: scale each input channel of the skip by a gate σ(features @
   * `projection/skipGate/kernel` + `projection/skipGate/bias`) in (0, 1) before the map, so the
   * state decides which inputs pass (e.g. copy the frame a bar back only while the piece repeats
   * at that lag). Absent (= false) by default.
   */
  inputSkipGate?: boolean;
}

/** The recurrent cells an encoder can stack. */
export type EncoderCell = 'lstm' | 'rnn';

/** Every {@link EncoderCell}, for validation and command-line choices. */
export const ENCODER_CELLS: readonly EncoderCell[] = ['lstm', 'rnn'];

/** An encoder config as given by users: `inputDim` and any other fields (the rest take {@link DEFAULT_ENCODER_CONFIG}). */
export type EncoderConfigInput = Partial<EncoderConfig> & {
  /** Frame dimension D (required). */
  inputDim: number;
};

/** Defaults for every field but `inputDim`: the ICML 2012 reference size (one LSTM layer of 150). */
export const DEFAULT_ENCODER_CONFIG: Omit<EncoderConfig, 'inputDim'> = {
  cell: 'lstm',
  hidden: 150,
  layers: 1,
  attentionWindow: 0,
  dropout: 0,
  projectionHidden: 0,
};

/**
 * Order of the four LSTM gate blocks along the last axis of every `kernel`, `recurrentKernel`
 * and `bias` (each block `hidden` wide): input gate i, forget gate f, cell candidate g, output
 * gate o — the same order as PyTorch's `nn.LSTM`. With z = x·kernel + h_{t-1}·recurrentKernel + bias:
 * i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o), c_t = f·c_{t-1} + i·g, h_t = o·tanh(c_t).
 */
export const LSTM_GATE_ORDER = 'i,f,g,o';

/**
 * The plain RNN cell (`cell: 'rnn'`): h_t = tanh(x_t·kernel + h_{t-1}·recurrentKernel + bias),
 * kernel `[in, H]`, recurrentKernel `[H, H]`, bias `[H]`, h_0 = 0 (no cell state).
 */
export const RNN_FORMULA = 'h_t = tanh(x_t @ kernel + h_{t-1} @ recurrentKernel + bias)';

/** Name prefix of layer `layer`'s weights: `encoder/lstm<l>` or `encoder/rnn<l>`. */
export function recurrentLayerPrefix(cfg: Pick<EncoderConfig, 'cell'>, layer: number): string {
  return `encoder/${cfg.cell}${layer}`;
}

/** Tensors per layer in an encoder state: h and c for an LSTM, h for a plain RNN. */
export function stateTensorsPerLayer(cfg: Pick<EncoderConfig, 'cell'>): number {
  return cfg.cell === 'lstm' ? 2 : 1;
}

/** Width of the pre-activation z of one layer: 4H for an LSTM (four gates), H for a plain RNN. */
export function preActivationSize(cfg: Pick<EncoderConfig, 'cell' | 'hidden'>): number {
  return cfg.cell === 'lstm' ? 4 * cfg.hidden : cfg.hidden;
}

/**
 * Fills defaults and validates an encoder config.
 * @throws ConfigError on a missing or out-of-range field.
 *
 * @example
 * ```ts
 * const cfg = resolveEncoderConfig({ inputDim: 88, hidden: 150, attentionWindow: 8 });
 * ```
 */
export function resolveEncoderConfig(partial: EncoderConfigInput): EncoderConfig {
  const cfg: EncoderConfig = { ...DEFAULT_ENCODER_CONFIG, ...stripUndefined(partial) } as EncoderConfig;
  const int = (name: keyof EncoderConfig, min: number) => {
    const v = cfg[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      throw new ConfigError(`Encoder config "${name}" must be an integer >= ${min}, got ${JSON.stringify(v)}.`);
    }
  };
  int('inputDim', 1);
  int('hidden', 1);
  int('layers', 1);
  int('attentionWindow', 0);
  int('projectionHidden', 0);
  if (cfg.conditioningChannels !== undefined) int('conditioningChannels', 0);
  if (cfg.inputSkip !== undefined && typeof cfg.inputSkip !== 'boolean') {
    throw new ConfigError(`Encoder config "inputSkip" must be true or false, got ${JSON.stringify(cfg.inputSkip)}.`);
  }
  if (cfg.inputSkipGate !== undefined && typeof cfg.inputSkipGate !== 'boolean') {
    throw new ConfigError(`Encoder config "inputSkipGate" must be true or false, got ${JSON.stringify(cfg.inputSkipGate)}.`);
  }
  if (cfg.inputSkipGate && !cfg.inputSkip) throw new ConfigError('Encoder config "inputSkipGate" gates the input skip: set "inputSkip": true as well.');
  if (!ENCODER_CELLS.includes(cfg.cell)) {
    throw new ConfigError(`Encoder config "cell" must be one of ${ENCODER_CELLS.map((c) => `"${c}"`).join(', ')}, got ${JSON.stringify(cfg.cell)}.`);
  }
  if (typeof cfg.dropout !== 'number' || !(cfg.dropout >= 0 && cfg.dropout < 1)) {
    throw new ConfigError(`Encoder config "dropout" must be a number in [0, 1), got ${JSON.stringify(cfg.dropout)}.`);
  }
  return {
    inputDim: cfg.inputDim,
    cell: cfg.cell,
    hidden: cfg.hidden,
    layers: cfg.layers,
    attentionWindow: cfg.attentionWindow,
    dropout: cfg.dropout,
    projectionHidden: cfg.projectionHidden,
    // absent when 0, so unconditioned model files keep their exact form
    ...(cfg.conditioningChannels ? { conditioningChannels: cfg.conditioningChannels } : {}),
    ...(cfg.inputSkip ? { inputSkip: true } : {}),
    ...(cfg.inputSkipGate ? { inputSkipGate: true } : {}),
  };
}

/**
 * Values the first recurrent layer reads per step: the frame size plus the conditioning channels.
 *
 * @example
 * ```ts
 * encoderInputWidth(resolveEncoderConfig({ inputDim: 9, conditioningChannels: 8 })); // 17
 * ```
 */
export function encoderInputWidth(cfg: Pick<EncoderConfig, 'inputDim' | 'conditioningChannels'>): number {
  return cfg.inputDim + (cfg.conditioningChannels ?? 0);
}

/** Size of the encoder features fed to the projection: `hidden`, or `2·hidden` with attention. */
export function featureSize(cfg: EncoderConfig): number {
  return cfg.attentionWindow > 0 ? 2 * cfg.hidden : cfg.hidden;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
