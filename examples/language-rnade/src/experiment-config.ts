import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above this example). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** Where the real data lives: `RNN_NADE_DATA_DIR`, else `../shared/data` beside the repository. */
export function dataDir(): string {
  return process.env.RNN_NADE_DATA_DIR ? resolve(process.env.RNN_NADE_DATA_DIR) : resolve(REPO_ROOT, '../shared/data');
}

/** Relative paths (inside the data folder) of the GloVe file and the WikiText-2 splits. */
export const DATA_FILES = {
  glove: 'glove-6b-50d-5k/glove.6B.50d.5k.txt',
  valid: 'wikitext-2/valid.txt',
  test: 'wikitext-2/test.txt',
} as const;

/**
 * Every hyper-parameter of the language experiment, shared by the training scripts, the
 * report and the results section so that all three models see the same data and the same
 * scale floor.
 */
export const LANGUAGE_EXPERIMENT = {
  /** Every `holdoutEvery`-th WikiText-2 valid.txt document (article) is held out for early stopping. */
  holdoutEvery: 10,
  /** Out-of-vocabulary policy: OOV tokens (incl. the corpus's `<unk>`) are dropped. */
  oov: 'skip',
  /** No extra end-of-sentence frame: WikiText sentences already end with the word vector of ".". */
  endOfSentence: null,
  /**
   * Scale floor σ_min used identically by all three models (the diagonal Gaussian's σ is floored
   * at it too). Word vectors are a discrete set of points, so without a floor a mixture
   * component can collapse on a frequent word and push the NLL towards −∞.
   */
  minSigma: 0.1,
  /** RNADE hidden units H and mixture components K (same for the RNN-RNADE and the independent RNADE). */
  rnadeHidden: 64,
  components: 2,
  /** LSTM size of the RNN-RNADE. */
  lstmHidden: 100,
  seed: 1,
} as const;

/** Where the committed model and figures go (relative to the repository root). */
export const OUTPUTS = {
  model: 'models/wikitext-rnn-rnade',
  independent: 'models/wikitext-rnn-rnade/independent-rnade',
  /** The next-word model: LSTM → anchored mixture (one Gaussian per vocabulary vector). */
  anchored: 'models/wikitext-rnn-rnade/anchored-mixture',
  /** The same mixture with logits from a learned output embedding (`queryDim`) and a bigger LSTM. */
  anchoredSoftmax: 'models/wikitext-rnn-rnade/anchored-softmax',
  figures: 'docs/figures/language',
} as const;

/** The anchored-mixture next-word models (folder and label), in the order they were tried. */
export const ANCHORED_MODELS: readonly { readonly dir: string; readonly label: string }[] = [
  { dir: OUTPUTS.anchored, label: 'LSTM → anchored mixture' },
  { dir: OUTPUTS.anchoredSoftmax, label: 'LSTM → anchored mixture, learned logits' },
];
