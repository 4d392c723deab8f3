/**
 * Cited figures: Boulanger-Lewandowski, Bengio & Vincent (ICML 2012), "Modeling Temporal
 * Dependencies in High-Dimensional Sequences: Application to Polyphonic Music Generation and
 * Transcription", Table 1 — test log-likelihood per time step (nats), as quoted in this
 * project's issue 6 — and the expected frame accuracies on JSB Chorales quoted in issue 14
 * ({@link CITED_JSB_ACCURACY}).
 */

/** The corpora of Table 1, by the names `loadCorpus` accepts. */
export type PolyCorpus = 'jsb' | 'nottingham' | 'piano-midi-de' | 'musedata';

/** Human-readable corpus titles. */
export const CORPUS_TITLES: Readonly<Record<PolyCorpus, string>> = {
  jsb: 'JSB Chorales',
  nottingham: 'Nottingham',
  'piano-midi-de': 'Piano-midi.de',
  musedata: 'MuseData',
};

/** One cited row. */
export interface CitedRow {
  readonly model: string;
  readonly logLikelihood: Readonly<Record<PolyCorpus, number | null>>;
}

/** ICML 2012 Table 1 rows for the models we reproduce (log-likelihood per step, test split). */
export const ICML_2012_ROWS: readonly CitedRow[] = [
  { model: 'RNN (SGD)', logLikelihood: { jsb: -8.71, nottingham: -4.46, 'piano-midi-de': -8.37, musedata: -8.13 } },
  { model: 'RNN (HF)', logLikelihood: { jsb: -8.58, nottingham: -3.89, 'piano-midi-de': -7.66, musedata: -7.19 } },
  { model: 'RNN-RBM', logLikelihood: { jsb: -6.27, nottingham: null, 'piano-midi-de': null, musedata: null } },
  { model: 'RNN-NADE (SGD)', logLikelihood: { jsb: -5.83, nottingham: -2.91, 'piano-midi-de': -7.48, musedata: -6.74 } },
  { model: 'RNN-NADE (HF)', logLikelihood: { jsb: -5.56, nottingham: -2.31, 'piano-midi-de': -7.05, musedata: -5.6 } },
];

/** The best published exact (non-bound) test log-likelihood per step of a corpus, as issue 14 lists it. */
export interface BestPublished {
  readonly logLikelihood: number;
  readonly model: string;
}

/**
 * Our targets (issue 14): RNN-NADE above the best published exact log-likelihood of each corpus
 * (`bestPublished`, as the issue cites it); RNN-Bernoulli at least RNN (HF) of ICML 2012.
 */
export const TARGETS: Readonly<Record<PolyCorpus, { nade: number; bestPublished: BestPublished; bernoulli: number }>> = {
  jsb: { nade: -5.1, bestPublished: { logLikelihood: -5.19, model: 'RNN-NADE, Bengio et al. 2013' }, bernoulli: -8.58 },
  nottingham: { nade: -2.25, bestPublished: { logLikelihood: -2.31, model: 'RNN-NADE (HF), ICML 2012' }, bernoulli: -3.89 },
  'piano-midi-de': { nade: -6.95, bestPublished: { logLikelihood: -7.05, model: 'RNN-NADE (HF), ICML 2012' }, bernoulli: -7.66 },
  musedata: { nade: -5.5, bestPublished: { logLikelihood: -5.6, model: 'RNN-NADE (HF), ICML 2012' }, bernoulli: -7.19 },
};

/** Ours against a target: `met` when at least as high (log-likelihoods; higher is better). */
export function targetVerdict(ours: number, target: number): 'met' | 'missed' {
  return ours >= target ? 'met' : 'missed';
}

/** One cited expected frame accuracy (a fraction in [0, 1]). */
export interface CitedAccuracy {
  readonly model: string;
  readonly corpus: PolyCorpus;
  readonly accuracy: number;
  readonly source: string;
}

/**
 * Where ICML 2012's averaging of the accuracy is stated: the authors' page for the four datasets,
 * section "Evaluation notes (important!)".
 */
export const ICML_2012_ACCURACY_SOURCE =
  'N. Boulanger-Lewandowski, dataset page of the ICML 2012 paper, http://www-etud.iro.umontreal.ca/~boulanni/icml2012, "Evaluation notes (important!)"';

/**
 * Expected frame accuracies on JSB Chorales (test split) as issue 14 quotes them from the seed
 * paper: its table cites ICML 2012's RNN-NADE at 32.5 % and RNN at 28.46 %, and reports its own
 * RNN-NADE at 21 %. The other rows and the other three corpora of ICML 2012's accuracy column are
 * not transcribed (no copy of the paper's table could be read where this was written): add them
 * here from Table 1.
 */
export const CITED_JSB_ACCURACY: readonly CitedAccuracy[] = [
  { model: 'RNN-NADE, ICML 2012', corpus: 'jsb', accuracy: 0.325, source: 'Boulanger-Lewandowski et al. 2012, Table 1, as quoted by the seed paper' },
  { model: 'RNN, ICML 2012', corpus: 'jsb', accuracy: 0.2846, source: 'Boulanger-Lewandowski et al. 2012, Table 1, as quoted by the seed paper' },
  { model: 'RNN-NADE (LSTM), seed paper', corpus: 'jsb', accuracy: 0.21, source: 'the seed paper (issue 14)' },
];
