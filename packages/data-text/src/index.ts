/**
 * `@rnn-nade/data-text`: GloVe text-format word vectors, tokenizing WikiText-style and plain
 * corpora, sentences → sequences of word vectors (with an out-of-vocabulary policy and coverage
 * statistics), and decoding vectors back to nearest words. Universal; file paths as sources need
 * `@rnn-nade/data-text/node`.
 * @packageDocumentation
 */
export {
  TextDataError,
  VectorFileError,
  type VectorFileErrorReason,
} from './errors';
export {
  DEFAULT_MAX_LINE_LENGTH,
  describeSource,
  LineTooLongError,
  readLines,
  type ReadLinesOptions,
  type TextSource,
} from './lines';
export {
  type OpenedTextFile,
  openTextFile,
  registerTextFileOpener,
  type TextFileOpener,
} from './text-file';
export {
  createWordVectors,
  getWordVector,
  meanVector,
  withExtraWords,
  type WordVectors,
} from './word-vectors';
export {
  type ReadGloveOptions,
  readGloveVectors,
} from './glove-reader';
export {
  isWikiTextHeading,
  splitSentences,
  type SplitSentencesOptions,
  type TokenizeOptions,
  tokenizePlainText,
  tokenizeWikiTextLine,
  WIKITEXT_UNK,
  wikiTextHeadingLevel,
} from './tokenize';
export {
  readTextCorpus,
  type ReadTextCorpusOptions,
  type TextCorpus,
  type TextDocument,
} from './corpus-reader';
export {
  splitTextCorpora,
  type SplitTextCorporaOptions,
  type TextSentenceSplits,
} from './text-splits';
export {
  type CoverageStats,
  type OovPolicy,
  type SentenceSequences,
  sentencesToSequences,
  type SentencesToSequencesOptions,
} from './sentences-to-sequences';
export {
  type DecodedSequence,
  type NearestWord,
  NearestWordDecoder,
  type NearestWordDecoderOptions,
} from './decode';
