import { basename, resolve } from 'node:path';
import type { JsonValue, SequenceData } from '@rnn-nade/core/node';
import { readGloveVectors, readTextCorpus, sentencesToSequences, splitTextCorpora, type OovPolicy, type WordVectors } from '@rnn-nade/data-text/node';
import { UsageError } from './cli-error';

/** Options of {@link loadTextDataset}. */
export interface TextDatasetOptions {
  /** GloVe text-format vector file (`--vectors`). */
  readonly vectors?: string;
  /** Out-of-vocabulary policy (`--oov`, default `'skip'`). */
  readonly oov?: OovPolicy;
  /** A vocabulary word appended after every sentence (`--eos`), or none. */
  readonly endOfSentence?: string;
  /** Keep only the first N sequences of every split. */
  readonly maxSequences?: number;
  /** With a single file, document i goes to valid when i % 10 = 8 and to test when i % 10 = 9 (default 10). */
  readonly holdoutEvery?: number;
}

/** A text corpus as word-vector sequences, shaped like the MIDI corpora the commands already take. */
export interface TextDataset {
  /** Dataset name: the first file's name without its extension. */
  readonly name: string;
  /** Frame dimension: the word-vector dimension. */
  readonly dim: number;
  /** The corpus file(s), comma-separated. */
  readonly source: string;
  /** Training sentences as vector sequences. */
  readonly train: SequenceData[];
  /** Validation sentences. */
  readonly valid: SequenceData[];
  /** Test sentences. */
  readonly test: SequenceData[];
  /** Unused for text (0); present so that the type matches the MIDI corpora. */
  readonly low: number;
  /** Always null: text has no musical grid. */
  readonly stepsPerQuarter: null;
  /** The word vectors (for decoding) and the `data` block to store in model metadata. */
  readonly text: {
    /** The word vectors, for decoding samples back to words. */
    readonly vectors: WordVectors;
    /** The `data` block stored in the model's metadata. */
    readonly metadata: { [key: string]: JsonValue };
  };
}

/**
 * Resolves `--dataset text:FILE` (one WikiText-style or plain-text file, split by documents
 * 8:1:1 into train/valid/test) or `text:TRAIN,VALID,TEST` (three files), with `--vectors GLOVE.txt`,
 * into sequences of word vectors (one per sentence).
 * @throws UsageError when `--vectors` is missing or the spec is malformed.
 */
export async function loadTextDataset(spec: string, options: TextDatasetOptions): Promise<TextDataset> {
  const files = spec.slice('text:'.length).split(',').filter(Boolean);
  if (files.length !== 1 && files.length !== 3) {
    throw new UsageError(`--dataset ${spec}: give text:FILE or text:TRAIN,VALID,TEST.`);
  }
  if (!options.vectors) throw new UsageError(`--dataset ${spec} needs --vectors GLOVE.txt (word vectors in the GloVe text format).`);
  const oov = options.oov ?? 'skip';
  if (!['skip', 'zero', 'unk'].includes(oov)) throw new UsageError(`--oov must be one of skip, zero, unk, got "${oov}".`);
  const vectors = await readGloveVectors(options.vectors);
  const corpora = await Promise.all(files.map((f) => readTextCorpus(f)));
  const parts = splitTextCorpora(corpora, { holdoutEvery: options.holdoutEvery, files });
  const eos = options.endOfSentence;
  if (eos !== undefined && !vectors.index.has(eos)) throw new UsageError(`--eos "${eos}" is not a word of ${basename(options.vectors)}.`);
  const convert = (s: string[][]) => {
    const r = sentencesToSequences(s, vectors, { oov, endOfSentence: eos });
    return { seqs: options.maxSequences === undefined ? r.sequences : r.sequences.slice(0, options.maxSequences), stats: r.stats };
  };
  const train = convert(parts.train);
  const valid = convert(parts.valid);
  const test = convert(parts.test);
  const name = basename(files[0]!).replace(/\.[^.]*$/, '');
  const metadata: { [key: string]: JsonValue } = {
    kind: 'text',
    dataset: name,
    source: files.map((f) => resolve(f)).join(','),
    dim: vectors.dim,
    vectors: { file: basename(options.vectors), dim: vectors.dim, words: vectors.words.length },
    oov,
    endOfSentence: eos ?? null,
    lowercase: true,
    coverage: { train: train.stats.coverage, valid: valid.stats.coverage, test: test.stats.coverage },
  };
  return {
    name,
    dim: vectors.dim,
    source: files.join(','),
    train: train.seqs,
    valid: valid.seqs,
    test: test.seqs,
    low: 0,
    stepsPerQuarter: null,
    text: { vectors, metadata },
  };
}
