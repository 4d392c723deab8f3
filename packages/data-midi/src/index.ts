/**
 * `@rnn-nade/data-midi`: MIDI <-> piano rolls, the Boulanger-Lewandowski corpora, drums,
 * piano-roll pictures and completion analysis for rnn-nade. Universal (browsers, workers, Node);
 * the file-system parts (corpus download and cache, MIDI-folder walkers, file readers, the roll
 * cache, the `midi2roll`/`roll2midi` commands) are in `@rnn-nade/data-midi/node`.
 * @packageDocumentation
 */
export {
  ChecksumError,
  CorpusFormatError,
  CorpusUnavailableError,
  MidiParseError,
} from './errors';
export {
  type CorpusLimits,
  DEFAULT_CORPUS_LIMITS,
  resolveCorpusLimits,
} from './corpus/corpus-limits';
export {
  CORPUS_MANIFEST,
  CORPUS_NAMES,
  type CorpusFileEntry,
  type CorpusManifestEntry,
  type CorpusName,
  isCorpusName,
} from './corpus/manifest';
export {
  normaliseStep,
  type PitchListSplits,
  pitchListsToSplits,
  validatePitchLists,
} from './corpus/pitch-lists';
export type {
  MidiNote,
  MidiTempo,
  MidiTimeSignature,
  ParsedMidi,
  UnterminatedNote,
} from './midi/smf-types';
export {
  parseSmf,
  type ParseSmfOptions,
  type SmfChunks,
  tickToSeconds,
  validateSmfChunks,
} from './midi/smf-parse';
export {
  DEFAULT_MIDI_LIMITS,
  type MidiLimits,
  resolveMidiLimits,
} from './midi/limits';
export {
  type PianoRoll,
  type RollReport,
  type RollTempo,
  type RollTimeSignature,
  rollToSequence,
  type SkippedNote,
} from './midi/piano-roll';
export {
  DEFAULT_TIME_SIGNATURE,
  type MeteredRoll,
  metricFeatureFor,
  rollConditioning,
  type RollConditioningOptions,
  type RollMeterOptions,
  rollMetricPositions,
  type TimeSignature,
} from './midi/roll-conditioning';
export {
  attachCorpusConditioning,
  type CorpusConditioning,
  type CorpusSequenceInfo,
} from './corpus/corpus-conditioning';
export {
  midiToRoll,
  type MidiToRollOptions,
} from './midi/to-roll';
export {
  MAX_MIDI_FILE_BYTES,
  parseMidi,
  readMidi,
  type ReadMidiOptions,
} from './midi/read-midi';
export {
  type GridNote,
  rollToGridNotes,
  stepToSeconds,
} from './midi/roll-notes';
export {
  encodeSmf,
  type SmfTempoEvent,
  type SmfTimeSignatureEvent,
  type SmfWriteSpec,
} from './midi/smf-write';
export {
  type RollLike,
  rollToMidi,
  type RollToMidiOptions,
  rollToToneMidi,
} from './midi/roll-to-midi';
export {
  ToneMidiClass,
  toToneMidi,
} from './midi/tone-interop';
export {
  canonicalDrumPitch,
  DRUM_CLASS_GM_NOTES,
  DRUM_CLASS_PITCHES,
  DRUM_CLASSES,
  type DrumClass,
  drumClassOf,
  drumClassToGm,
  drumDataSpec,
  GM_DRUM_CHANNEL,
} from './drums/drum-map';
export {
  parseCsv,
  parseCsvObjects,
} from './corpus/csv';
export {
  type CsvSplitSpec,
  hashUnit,
  type SplitFractions,
  type SplitName,
  splitOf,
} from './corpus/split';
export {
  augmentTranspositions,
  type TransposeOptions,
  transposeSequence,
  transposeSteps,
  transpositionsInRange,
} from './corpus/transpose';
export {
  type NoteSequence,
  type NoteSequenceNote,
  type NoteSequenceQuantizationInfo,
  type NoteSequenceTempo,
  type NoteSequenceTimeSignature,
  noteSequenceToRoll,
  type NoteSequenceToRollOptions,
  rollToNoteSequence,
  type RollToNoteSequenceOptions,
} from './interop/note-sequence';
export {
  analyzeCompletion,
  type CompletionAnalysis,
  type CompletionCounts,
  type CompletionOptions,
} from './analysis/completion';
export {
  pianoRollSvg,
  type PianoRollSvgOptions,
  type SvgRoll,
} from './svg/piano-roll-svg';
export {
  packedByteLength,
  packSequence,
  packSteps,
  unpackSequence,
} from './cache/bit-pack';
export {
  fnv1a,
  ROLL_CACHE_FORMAT,
  RollCacheError,
  type RollCacheHeader,
  SPLIT_CODES,
} from './cache/cache-format';
