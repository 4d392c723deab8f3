import { ConfigError, type SequenceData, type SequenceModel } from '@rnn-nade/core';
import { NearestWordDecoder, sentencesToSequences, type WordVectors } from '@rnn-nade/data-text/node';

/** Options of {@link generateSentence}. */
export interface GenerateSentenceOptions {
  /** Words to continue (tokenized on spaces, lower-cased); empty or absent: start from nothing. */
  readonly primer?: string;
  /** New word vectors to generate. */
  readonly steps: number;
  /** Seed of the draws (default 0). */
  readonly seed?: number;
  /** Sampling temperature (default 1; RNADE sharpens mixture weights and shrinks σ by √T). */
  readonly temperature?: number;
}

/** A generated sentence: each sampled vector decoded to its nearest word, with the cosine similarity. */
export interface GeneratedSentence {
  readonly primer: string;
  readonly words: string[];
  readonly similarities: number[];
}

/** The word-vector sequence of a primer string (every word must be in the vocabulary). */
export function primerSequence(primer: string, vectors: WordVectors): SequenceData | undefined {
  const tokens = primer.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return undefined;
  const missing = tokens.filter((t) => !vectors.index.has(t));
  if (missing.length) throw new ConfigError(`Primer word(s) not in the vocabulary: ${missing.join(', ')}.`);
  return sentencesToSequences([tokens], vectors, { oov: 'skip' }).sequences[0];
}

/**
 * Samples `steps` word vectors from a word-vector sequence model (continuing the primer) and
 * decodes each to its nearest vocabulary word by cosine similarity.
 *
 * @example
 * ```ts
 * const s = await generateSentence(model, glove, { primer: 'in the', steps: 12, seed: 1 });
 * console.log(formatSentence(s));
 * ```
 */
export async function generateSentence(
  model: SequenceModel,
  vectors: WordVectors,
  options: GenerateSentenceOptions,
  decoder: NearestWordDecoder = new NearestWordDecoder(vectors),
): Promise<GeneratedSentence> {
  if (model.encoderConfig.inputDim !== vectors.dim) {
    throw new ConfigError(`The model reads ${model.encoderConfig.inputDim}-d frames but the vectors are ${vectors.dim}-d.`);
  }
  const primer = primerSequence(options.primer ?? '', vectors);
  const seq = await model.sample({ steps: options.steps, primer, seed: options.seed ?? 0, temperature: options.temperature ?? 1 });
  const decoded = decoder.decodeSequence(seq);
  return { primer: options.primer?.trim() ?? '', words: decoded.words, similarities: decoded.similarities };
}

/** `primer | word(0.93) word(0.88) …`: each generated word beside its nearest-word similarity. */
export function formatSentence(s: GeneratedSentence): string {
  const body = s.words.map((w, i) => `${w}(${s.similarities[i]!.toFixed(2)})`).join(' ');
  return s.primer ? `[${s.primer}] ${body}` : body;
}
