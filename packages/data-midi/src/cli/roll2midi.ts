import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CORPUS_LIMITS } from '../corpus/corpus-limits';
import { CorpusFormatError } from '../errors';
import { DEFAULT_MIDI_LIMITS } from '../midi/limits';
import type { RollTempo, RollTimeSignature } from '../midi/piano-roll';
import { rollToMidi, type RollLike } from '../midi/roll-to-midi';
import { pianoRollSvg } from '../svg/piano-roll-svg';
import { CommandUsageError, defaultCommandIo, intFlag, runCommand, type CommandIo } from './command-io';

const HELP = `Usage: rnn-nade roll2midi FILE.json --out FILE.mid|FILE.svg [options]

Writes a JSON piano roll {"stepsPerQuarter": n, "steps": [[pitch, ...], ...]} (as written
by sample and midi2roll) as a Standard MIDI File, or as an SVG picture.

Options:
  --bpm N                 tempo (default: the roll's "tempos", else 120)
  --program N             GM program 0..127 (default 0, piano)
  --velocity N            note velocity 1..127 (default 80)
  --restrike              one note per active step instead of held notes
  --drums                 write on channel 10 (default: the roll's "drums" field)
  --steps-per-quarter N   grid, when the file has no "stepsPerQuarter" (default 4)
  --out FILE              .mid, .midi or .svg (required)
  -h, --help              this help
`;

/**
 * Reads and checks a JSON roll file (a bare array of steps is accepted too). Files over
 * `maxFileBytes` (default 64 MiB) and rolls over `maxSteps` steps (default 100,000) are refused
 * with a {@link CorpusFormatError}.
 */
export async function readRollJson(file: string, limits: { maxFileBytes?: number; maxSteps?: number } = {}): Promise<RollLike> {
  const maxFileBytes = limits.maxFileBytes ?? DEFAULT_CORPUS_LIMITS.maxFileBytes;
  const maxSteps = limits.maxSteps ?? DEFAULT_MIDI_LIMITS.maxSteps;
  let json: unknown;
  try {
    const { size } = await stat(file);
    if (size > maxFileBytes) throw new CorpusFormatError(`${file} is ${size} bytes, more than maxFileBytes = ${maxFileBytes}.`);
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    if (e instanceof CorpusFormatError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new CorpusFormatError(
      code === 'ENOENT' ? `${file} does not exist.` : code ? `cannot read ${file} (${code}).` : `${file} is not valid JSON: ${(e as Error).message}`,
    );
  }
  const obj = (Array.isArray(json) ? { steps: json } : json) as Record<string, unknown> | null;
  const steps = obj?.steps;
  if (!Array.isArray(steps) || !steps.every((s) => Array.isArray(s) && s.every((p) => typeof p === 'number' && Number.isFinite(p)))) {
    throw new CorpusFormatError(`${file} is not a roll: expected {"stepsPerQuarter": n, "steps": [[pitch, ...], ...]}.`);
  }
  if (steps.length > maxSteps) throw new CorpusFormatError(`${file}: the roll has ${steps.length} steps, more than maxSteps = ${maxSteps}.`);
  const spq = obj!.stepsPerQuarter;
  if (spq !== undefined && !(typeof spq === 'number' && Number.isInteger(spq) && spq >= 1 && spq <= 960)) {
    throw new CorpusFormatError(`${file}: "stepsPerQuarter" must be an integer in 1..960.`);
  }
  const tempos = Array.isArray(obj!.tempos) ? (obj!.tempos as RollTempo[]).filter((t) => Number.isFinite(t?.step) && t.bpm > 0) : undefined;
  const timeSignatures = Array.isArray(obj!.timeSignatures)
    ? (obj!.timeSignatures as RollTimeSignature[]).filter((t) => Number.isFinite(t?.step) && t.numerator > 0 && t.denominator > 0)
    : undefined;
  return { steps: steps as number[][], stepsPerQuarter: spq as number | undefined, drums: obj!.drums === true, tempos, timeSignatures };
}

/**
 * `rnn-nade roll2midi FILE.json --out FILE.mid`. Returns the exit code: 0 ok, 1 bad input
 * file, 2 bad flags. Errors are one line on stderr.
 *
 * @example
 * ```ts
 * process.exitCode = await roll2midiCommand(['sample.json', '--out', 'sample.mid', '--bpm', '100']);
 * ```
 */
export async function roll2midiCommand(argv: string[], io: CommandIo = defaultCommandIo): Promise<number> {
  return runCommand('roll2midi', io, async () => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        bpm: { type: 'string' },
        program: { type: 'string' },
        velocity: { type: 'string' },
        restrike: { type: 'boolean' },
        drums: { type: 'boolean' },
        'steps-per-quarter': { type: 'string' },
        out: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(HELP);
      return;
    }
    if (positionals.length !== 1) throw new CommandUsageError(`expected one input FILE.json, got ${positionals.length}.`);
    const out = values.out;
    if (!out) throw new CommandUsageError('--out FILE.mid is required.');
    const ext = path.extname(out).toLowerCase();
    if (!['.mid', '.midi', '.svg'].includes(ext)) throw new CommandUsageError(`--out must end in .mid, .midi or .svg, got "${out}".`);
    let bpm: number | undefined;
    if (values.bpm !== undefined) {
      bpm = Number(values.bpm);
      if (!(bpm > 0 && bpm < 10_000)) throw new CommandUsageError(`--bpm must be a number in (0, 10000), got "${values.bpm}".`);
    }
    const spqFlag = intFlag('steps-per-quarter', values['steps-per-quarter'], 1, 960);
    const program = intFlag('program', values.program, 0, 127);
    const velocity = intFlag('velocity', values.velocity, 1, 127);
    const roll = await readRollJson(positionals[0]!);
    const full: RollLike = { ...roll, stepsPerQuarter: roll.stepsPerQuarter ?? spqFlag ?? 4, drums: values.drums || roll.drums };
    await mkdir(path.dirname(path.resolve(out)), { recursive: true });
    if (ext === '.svg') await writeFile(out, pianoRollSvg(full, { title: path.basename(positionals[0]!) }));
    else await writeFile(out, rollToMidi(full, { bpm, program, velocity, restrike: values.restrike ?? false }));
    io.stderr(`wrote ${out}: ${full.steps.length} steps\n`);
  });
}
