import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { ConfigError, candidateSeeds, completeSequence, type JsonValue, type SequenceModel } from '@rnn-nade/core/node';
import { NearestWordDecoder, readGloveVectors, sentencesToSequences, type WordVectors } from '@rnn-nade/data-text/node';
import { EXIT, UsageError } from '../cli-error';
import type { CliIo } from '../io';

/** What a word-vector model stores under `metadata.data` (written by `train --dataset text:…`). */
export interface TextModelData {
  readonly kind?: string;
  readonly vectors?: { file?: string; dim?: number; words?: number };
  readonly oov?: string;
  readonly endOfSentence?: string | null;
}

/** Options of {@link sampleTextModel}. */
export interface SampleTextOptions {
  readonly steps: number;
  readonly seed: number;
  readonly temperature: number;
  /** Samples drawn (seeds from {@link candidateSeeds}); the most likely under the model is kept (1 = plain sampling). */
  readonly candidates: number;
  /** GloVe text-format file (`--vectors`). */
  readonly vectors?: string;
  /** Words to continue (`--primer "in the"`). */
  readonly primer?: string;
  /** Print the decoded words (`--decode`). */
  readonly decode: boolean;
  /** Also write `{primer, words, similarities, vectors}` as JSON (`--out FILE.json`). */
  readonly out?: string;
}

/** Whether a loaded model is a word-vector model (real frames, or `data.kind = 'text'`). */
export function isTextModel(model: SequenceModel, metadata: Record<string, JsonValue>): boolean {
  const data = metadata.data as TextModelData | undefined;
  return model.estimator.domain === 'real' || data?.kind === 'text';
}

function primerTokens(primer: string | undefined, vectors: WordVectors | undefined): string[] {
  const tokens = (primer ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.length && !vectors) throw new UsageError('--primer on a word-vector model needs --vectors GLOVE.txt.');
  const missing = tokens.filter((t) => !vectors!.index.has(t));
  if (missing.length) throw new UsageError(`--primer word(s) not in the vectors' vocabulary: ${missing.join(', ')}.`);
  return tokens;
}

/**
 * `rnn-nade sample` for word-vector models: samples `steps` vectors (continuing the primer
 * words), decodes each to its nearest word by cosine similarity and prints the sentence, then
 * one line per generated word with its similarity. Generation stops after the model's stored
 * end-of-sentence word, when it has one.
 */
export async function sampleTextModel(model: SequenceModel, metadata: Record<string, JsonValue>, options: SampleTextOptions, io: CliIo): Promise<number> {
  if (!options.decode && !options.out) throw new UsageError('a word-vector model needs --decode (print words) and/or --out FILE.json.');
  if (options.decode && !options.vectors) throw new UsageError('--decode needs --vectors GLOVE.txt (the vectors the model was trained on).');
  const data = (metadata.data ?? {}) as TextModelData;
  const D = model.encoderConfig.inputDim;
  const vectors = options.vectors ? await readGloveVectors(options.vectors) : undefined;
  if (vectors && vectors.dim !== D) {
    throw new ConfigError(`${basename(options.vectors!)} has ${vectors.dim}-d vectors; the model reads ${D}-d frames.`);
  }
  const stored = data.vectors;
  if (vectors && stored && ((stored.file && stored.file !== basename(options.vectors!)) || (stored.words && stored.words !== vectors.words.length))) {
    io.stderr(
      `warning: the model was trained on ${stored.file ?? '?'} (${stored.words ?? '?'} words); decoding with ${basename(options.vectors!)} (${vectors.words.length} words).\n`,
    );
  }
  const tokens = primerTokens(options.primer, vectors);
  const primer = tokens.length ? sentencesToSequences([tokens], vectors!, { oov: 'skip' }).sequences[0] : undefined;
  const seeds = candidateSeeds(options.seed, options.candidates);
  const { sequence: generated } = await completeSequence(model, { steps: options.steps, primer, temperature: options.temperature, seeds });
  let words: string[] = [];
  let similarities: number[] = [];
  if (vectors) {
    const decoded = new NearestWordDecoder(vectors).decodeSequence(generated);
    words = decoded.words;
    similarities = decoded.similarities;
    const eos = typeof data.endOfSentence === 'string' ? data.endOfSentence : undefined;
    const cut = eos === undefined ? -1 : words.indexOf(eos);
    if (cut >= 0) {
      words = words.slice(0, cut + 1);
      similarities = similarities.slice(0, cut + 1);
    }
  }
  if (options.decode) {
    io.stdout(`${[...tokens, ...(tokens.length ? ['|'] : []), ...words].join(' ')}\n`);
    words.forEach((w, i) => {
      io.stdout(`${String(i + 1).padStart(3)}  ${w.padEnd(16)} ${similarities[i]!.toFixed(3)}\n`);
    });
  }
  if (options.out) {
    const rows = Array.from({ length: generated.steps }, (_, t) => Array.from(generated.data.subarray(t * D, (t + 1) * D)));
    await mkdir(dirname(options.out), { recursive: true });
    await writeFile(options.out, `${JSON.stringify({ primer: tokens, words, similarities, vectors: rows })}\n`);
    if (!options.decode) io.stdout(`wrote ${options.out} (${generated.steps} word vectors)\n`);
  }
  return EXIT.OK;
}
