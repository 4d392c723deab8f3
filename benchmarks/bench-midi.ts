/**
 * Benchmark of `@rnn-nade/data-midi`'s reader: read and quantise all 1,150 Groove MIDI files
 * (`$RNN_NADE_DATA_DIR/groove-midi`, default `../shared/data`) on one core — one file at a
 * time on the main thread. Target: >= 200 files/s.
 *
 * Run: `npm run bench:midi` (= `tsx benchmarks/bench-midi.ts [--repeat 3] [--data-dir DIR]`).
 * Pin to one core with `taskset -c 0 npm run bench:midi` if you want to be strict.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { iterateMidiCorpus, parseMidi, readMidiBytesFromFile, readMidiFile, walkMidiFiles } from '@rnn-nade/data-midi/node';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'bench-midi' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = arg('data-dir') ?? process.env.RNN_NADE_DATA_DIR ?? path.resolve(repoRoot, '../shared/data');
const dir = path.join(dataDir, 'groove-midi');
const repeat = Number(arg('repeat') ?? 3);

const files: string[] = [];
for await (const rel of walkMidiFiles(dir)) files.push(path.join(dir, rel));
if (files.length === 0) {
  console.error(`No .mid files under ${dir}; set RNN_NADE_DATA_DIR.`);
  process.exit(1);
}

interface Run {
  seconds: number;
  cpuSeconds: number;
  notes: number;
  steps: number;
}

async function timed(body: () => Promise<{ notes: number; steps: number }>): Promise<Run> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { notes, steps } = await body();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, notes, steps };
}

function report(label: string, runs: Run[]): void {
  const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  console.log(
    `${label.padEnd(44)} ${(files.length / best.seconds).toFixed(0).padStart(6)} files/s  ` +
      `${(best.notes / best.seconds / 1e6).toFixed(2)} M notes/s  best ${(best.seconds * 1000).toFixed(0)} ms ` +
      `(cpu ${(best.cpuSeconds * 1000).toFixed(0)} ms; runs ${runs.map((r) => (r.seconds * 1000).toFixed(0)).join(' / ')} ms)`,
  );
}

console.log(`${files.length} Groove MIDI files in ${dir}; node ${process.version}; best of ${repeat}`);

const drumRuns: Run[] = [];
const pitchedRuns: Run[] = [];
const parseRuns: Run[] = [];
const streamRuns: Run[] = [];
for (let r = 0; r < repeat; r++) {
  drumRuns.push(
    await timed(async () => {
      let notes = 0;
      let steps = 0;
      for (const f of files) {
        const roll = await readMidiFile(f, { drums: true, stepsPerQuarter: 4 });
        notes += roll.report!.notesUsed;
        steps += roll.steps.length;
      }
      return { notes, steps };
    }),
  );
  pitchedRuns.push(
    await timed(async () => {
      let notes = 0;
      let steps = 0;
      for (const f of files) {
        const roll = await readMidiFile(f, { stepsPerQuarter: 4, channels: [9], range: { low: 0, high: 127 } });
        notes += roll.report!.notesUsed;
        steps += roll.steps.length;
      }
      return { notes, steps };
    }),
  );
  parseRuns.push(
    await timed(async () => {
      let notes = 0;
      for (const f of files) notes += parseMidi(await readMidiBytesFromFile(f), f).notes.length;
      return { notes, steps: 0 };
    }),
  );
  streamRuns.push(
    await timed(async () => {
      let notes = 0;
      let steps = 0;
      for await (const e of iterateMidiCorpus(dir, { drums: true })) {
        notes += e.roll.report!.notesUsed;
        steps += e.roll.steps.length;
      }
      return { notes, steps };
    }),
  );
}
report('readMidiFile, 9-class drum roll (4/quarter)', drumRuns);
report('readMidiFile, 128-pitch roll (4/quarter)', pitchedRuns);
report('read + parse only (no quantisation)', parseRuns);
report('iterateMidiCorpus (info.csv split, drums)', streamRuns);
const d = drumRuns[0]!;
console.log(
  `totals: ${d.notes} notes, ${d.steps} steps (drum rolls); target >= 200 files/s: ${files.length / Math.min(...drumRuns.map((r) => r.seconds)) >= 200 ? 'met' : 'NOT met'}`,
);
