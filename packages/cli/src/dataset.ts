import type { ConditioningSpec, SequenceData } from '@rnn-nade/core/node';
import { loadCorpus, type Corpus } from '@rnn-nade/data-midi/node';
import type { OovPolicy } from '@rnn-nade/data-text/node';
import { UsageError } from './cli-error';
import { datasetConditioning } from './conditioning';
import { loadTextDataset, type TextDataset } from './text-dataset';

/** Options of {@link loadDataset}. */
export interface DatasetOptions {
  /** Folder holding the corpora (default `RNN_NADE_DATA_DIR`). */
  readonly dataDir?: string;
  /** Keep only the first N sequences of every split (quick runs). */
  readonly maxSequences?: number;
  /** For `text:` datasets: the GloVe text-format vector file (`--vectors`). */
  readonly vectors?: string;
  /** For `text:` datasets: out-of-vocabulary policy (`--oov skip|zero|unk`, default skip). */
  readonly oov?: string;
  /** For `text:` datasets: a vocabulary word appended after every sentence (`--eos`). */
  readonly endOfSentence?: string;
  /** Attach conditioning rows for this spec to every sequence (see `datasetConditioning`). */
  readonly conditioning?: ConditioningSpec;
}

/**
 * Resolves `--dataset`: a built-in corpus name (`jsb`, `jsb-8th`, `jsb-16th`, `nottingham`,
 * `piano-midi-de`, `musedata`, from `RNN_NADE_DATA_DIR` / cache / download) or a
 * `{train, valid, test}` JSON file of MIDI pitches per step, through `@rnn-nade/data-midi`; or a
 * text corpus `text:FILE` / `text:TRAIN,VALID,TEST` as word-vector sequences (needs `vectors`),
 * through `@rnn-nade/data-text` (the result then has a `text` field with the vectors and the
 * metadata to store in the model).
 */
export async function loadDataset(nameOrFile: string, options: DatasetOptions = {}): Promise<Corpus | TextDataset> {
  if (nameOrFile.startsWith('text:')) {
    if (options.conditioning) throw new UsageError(`conditioning inputs are for piano-roll datasets, not ${nameOrFile}.`);
    return loadTextDataset(nameOrFile, {
      vectors: options.vectors,
      oov: options.oov as OovPolicy | undefined, // validated by loadTextDataset
      endOfSentence: options.endOfSentence,
      maxSequences: options.maxSequences,
    });
  }
  if (options.vectors !== undefined) throw new UsageError(`--vectors only applies to text datasets (--dataset text:FILE), not ${nameOrFile}.`);
  const conditioning = options.conditioning ? datasetConditioning(options.conditioning, nameOrFile) : undefined;
  const corpus = await loadCorpus(nameOrFile, { dataDir: options.dataDir, conditioning });
  const n = options.maxSequences;
  if (n === undefined) return corpus;
  const cut = (s: SequenceData[]) => s.slice(0, n);
  return { ...corpus, train: cut(corpus.train), valid: cut(corpus.valid), test: cut(corpus.test) };
}

/** Name of a split accepted by `eval --split`. */
export type SplitName = 'train' | 'valid' | 'test';
