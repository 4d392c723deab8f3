import { midi2rollCommand as midi2roll, roll2midiCommand as roll2midi } from '@rnn-nade/data-midi/node';
import type { Command } from './command';

/** `rnn-nade midi2roll`, implemented in `@rnn-nade/data-midi`. */
export const midi2rollCommand: Command = {
  name: 'midi2roll',
  summary: 'quantise a MIDI file to a JSON roll (or a piano-roll SVG)',
  usage: 'rnn-nade midi2roll FILE.mid [--steps-per-quarter 4] [--drums] --out FILE.json|FILE.svg (see --help)',
  run: (argv, io) => midi2roll([...argv], io),
};

/** `rnn-nade roll2midi`, implemented in `@rnn-nade/data-midi`. */
export const roll2midiCommand: Command = {
  name: 'roll2midi',
  summary: 'write a JSON roll as a MIDI file',
  usage: 'rnn-nade roll2midi FILE.json --out FILE.mid (see --help)',
  run: (argv, io) => roll2midi([...argv], io),
};
