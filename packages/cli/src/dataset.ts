import type { SequenceData } from '@rnn-nade/core';
import { loadCorpus, type Corpus } from '@rnn-nade/data-midi';
import { UsageError } from './cli-error';

/** Options of {@link loadDataset}. */
export interface DatasetOptions {
  /** Folder holding the corpora (default `RNN_NADE_DATA_DIR`). */
  readonly dataDir?: string;
  /** Keep only the first N sequences of every split (quick runs). */
  readonly maxSequences?: number;
}

/**
 * Resolves `--dataset`: a built-in corpus name (`jsb`, `jsb-8th`, `jsb-16th`, `nottingham`,
 * `piano-midi-de`, `musedata`, from `RNN_NADE_DATA_DIR` / cache / download) or a
 * `{train, valid, test}` JSON file of MIDI pitches per step, through `@rnn-nade/data-midi`.
 */
export async function loadDataset(nameOrFile: string, options: DatasetOptions = {}): Promise<Corpus> {
  if (nameOrFile.startsWith('text:')) {
    throw new UsageError(`--dataset ${nameOrFile}: text corpora are not supported by this version of the CLI yet.`);
  }
  const corpus = await loadCorpus(nameOrFile, { dataDir: options.dataDir });
  const n = options.maxSequences;
  if (n === undefined) return corpus;
  const cut = (s: SequenceData[]) => s.slice(0, n);
  return { ...corpus, train: cut(corpus.train), valid: cut(corpus.valid), test: cut(corpus.test) };
}

/** Name of a split accepted by `eval --split`. */
export type SplitName = 'train' | 'valid' | 'test';
