import { SequenceModel, getEstimatorFactory, type JsonValue } from '@rnn-nade/core/node';
import '@rnn-nade/estimator-nade';

/** The drum example's conditioning: metric position in a 4/4 bar of 16ths and a beat / fill label. */
export const DRUM_SPEC = {
  features: [
    { kind: 'metric', stepsPerBeat: 4, beatsPerBar: 4 },
    { kind: 'label', name: 'type', classes: ['beat', 'fill'] },
  ],
} as const;

/**
 * Saves a small untrained 9-class drum model (LSTM 8 + NADE 6, attention over 16 steps, fixed
 * seeds) with `metadata` at `path`; conditioned on {@link DRUM_SPEC} when asked. Its NADE biases
 * make every class likely, so every sample has hits.
 */
export async function saveDrumModel(path: string, metadata: Record<string, JsonValue>, options: { conditioned?: boolean } = {}): Promise<void> {
  const estimator = getEstimatorFactory('nade').fromConfig({ dim: 9, hidden: 6, seed: 3 });
  const conditioning = options.conditioned ? DRUM_SPEC : undefined;
  const model = SequenceModel.create({ encoder: { inputDim: 9, hidden: 8, attentionWindow: 16 }, estimator, seed: 2, conditioning });
  await model.save(path, { metadata });
  model.dispose();
}
