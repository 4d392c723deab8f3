import type { DatasetSplits, SequenceData } from '@rnn-nade/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { Corpus, CorpusName, MidiCorpus, NoteSequence, PianoRoll, RollLike, SvgRoll } from '@rnn-nade/data-midi/node';
import { loadCorpus, midi2rollCommand, readMidi, rollToMidi, rollToNoteSequence, rollToSequence, roll2midiCommand } from '@rnn-nade/data-midi/node';

describe('public types of @rnn-nade/data-midi', () => {
  it('corpora are DatasetSplits of SequenceData', () => {
    expectTypeOf<Corpus>().toMatchTypeOf<DatasetSplits>();
    expectTypeOf<MidiCorpus>().toMatchTypeOf<DatasetSplits>();
    expectTypeOf(loadCorpus).returns.resolves.toEqualTypeOf<Corpus>();
    expectTypeOf<'jsb'>().toMatchTypeOf<CorpusName>();
    expectTypeOf<'jsb-32nd'>().not.toMatchTypeOf<CorpusName>();
  });

  it('a PianoRoll is accepted wherever a roll is (writer, pictures, NoteSequence)', () => {
    expectTypeOf<PianoRoll>().toMatchTypeOf<RollLike>();
    expectTypeOf<PianoRoll>().toMatchTypeOf<SvgRoll>();
    expectTypeOf(readMidi).returns.toEqualTypeOf<PianoRoll>();
    expectTypeOf(rollToMidi).returns.toEqualTypeOf<Uint8Array>();
    expectTypeOf(rollToSequence).returns.toEqualTypeOf<SequenceData>();
    expectTypeOf(rollToNoteSequence).returns.toEqualTypeOf<NoteSequence>();
    // The CLI's JSON roll form is a RollLike.
    expectTypeOf<{ stepsPerQuarter: number; steps: number[][] }>().toMatchTypeOf<RollLike>();
  });

  it('command functions take argv and resolve to an exit code', () => {
    expectTypeOf(midi2rollCommand).parameter(0).toEqualTypeOf<string[]>();
    expectTypeOf(midi2rollCommand).returns.resolves.toEqualTypeOf<number>();
    expectTypeOf(roll2midiCommand).returns.resolves.toEqualTypeOf<number>();
  });
});
