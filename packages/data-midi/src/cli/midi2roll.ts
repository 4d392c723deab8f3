import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readMidiFile } from '../midi/read-midi-file';
import { pianoRollSvg } from '../svg/piano-roll-svg';
import { CommandUsageError, defaultCommandIo, intFlag, intListFlag, runCommand, type CommandIo } from './command-io';

const HELP = `Usage: rnn-nade midi2roll FILE.mid --out FILE.json|FILE.svg [options]

Reads a MIDI file into a piano roll on a grid and writes it as JSON
{"stepsPerQuarter": n, "steps": [[pitch, ...], ...]} (plus "drums", "tempos",
"timeSignatures") or as an SVG picture.

Options:
  --steps-per-quarter N   grid resolution (default 4)
  --drums                 drum roll: channel 10, nine drum classes, onsets only
  --low N / --high N      pitch range kept (default 21..108)
  --tracks A,B            only these track chunks (0-based)
  --channels A,B          only these MIDI channels (0-based; 9 = drums)
  --include-drums         keep channel-10 notes in a pitched roll
  --out FILE              .json or .svg (required)
  -h, --help              this help
`;

/**
 * `rnn-nade midi2roll FILE.mid [--steps-per-quarter 4] [--drums] --out FILE.json|FILE.svg`.
 * Returns the exit code: 0 ok, 1 bad input file, 2 bad flags. Errors are one line on stderr.
 *
 * @example
 * ```ts
 * process.exitCode = await midi2rollCommand(['song.mid', '--out', 'song.json']);
 * ```
 */
export async function midi2rollCommand(argv: string[], io: CommandIo = defaultCommandIo): Promise<number> {
  return runCommand('midi2roll', io, async () => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'steps-per-quarter': { type: 'string' },
        drums: { type: 'boolean' },
        low: { type: 'string' },
        high: { type: 'string' },
        tracks: { type: 'string' },
        channels: { type: 'string' },
        'include-drums': { type: 'boolean' },
        out: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(HELP);
      return;
    }
    if (positionals.length !== 1) throw new CommandUsageError(`expected one input FILE.mid, got ${positionals.length}.`);
    const out = values.out;
    if (!out) throw new CommandUsageError('--out FILE.json|FILE.svg is required.');
    const ext = path.extname(out).toLowerCase();
    if (ext !== '.json' && ext !== '.svg') throw new CommandUsageError(`--out must end in .json or .svg, got "${out}".`);
    const low = intFlag('low', values.low, 0, 127) ?? 21;
    const high = intFlag('high', values.high, 0, 127) ?? 108;
    if (low > high) throw new CommandUsageError(`--low ${low} is above --high ${high}.`);
    const roll = await readMidiFile(positionals[0]!, {
      stepsPerQuarter: intFlag('steps-per-quarter', values['steps-per-quarter'], 1, 960) ?? 4,
      drums: values.drums ?? false,
      range: { low, high },
      tracks: intListFlag('tracks', values.tracks, 0, 65535),
      channels: intListFlag('channels', values.channels, 0, 15),
      includeDrums: values['include-drums'] ?? false,
    });
    await mkdir(path.dirname(path.resolve(out)), { recursive: true });
    if (ext === '.svg') {
      await writeFile(out, pianoRollSvg(roll, { title: path.basename(positionals[0]!) }));
    } else {
      const json = {
        stepsPerQuarter: roll.stepsPerQuarter,
        steps: roll.steps,
        ...(roll.drums ? { drums: true } : {}),
        tempos: roll.tempos,
        timeSignatures: roll.timeSignatures,
      };
      await writeFile(out, `${JSON.stringify(json)}\n`);
    }
    const r = roll.report!;
    const notes = `${r.notesUsed} notes`;
    const warn = [
      r.outOfRange.length ? `${r.outOfRange.length} notes outside ${roll.drums ? 'the drum classes' : `${low}..${high}`} left out` : '',
      r.unterminated.length ? `${r.unterminated.length} notes without note-off closed at the end of their track` : '',
    ].filter(Boolean);
    io.stderr(`wrote ${out}: ${roll.steps.length} steps, ${notes}${warn.length ? `; ${warn.join('; ')}` : ''}\n`);
  });
}
