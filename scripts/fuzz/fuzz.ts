/**
 * `npm run fuzz -- --seconds N`: mutates real files from `$RNN_NADE_DATA_DIR` (MIDI from
 * groove-midi / classical-piano-midi / midi-fixtures, JSB corpus JSON, GloVe vector lines,
 * WikiText text) and reads every mutant with the public reader in a worker process under a time
 * and memory bound. Prints, per target, how many mutants ended as a typed error, were accepted,
 * crashed (an untyped error or the process died) or went over a bound; saves the offending
 * mutants to a temp folder and prints their paths and the seed that repeats the run.
 *
 * Flags: --seconds N (default 60) --seed S (default: time-based) --targets midi,corpus-json,vectors,text
 * --timeout-ms N (per mutant, default 5000) --memory-mb N (peak RSS growth per mutant, default 512)
 * --replay FILE --target T (read one saved mutant and print its outcome).
 * Exit code 1 when any mutant crashed or went over a bound.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Rng } from '@rnn-nade/core/node';
import { FuzzChild, type JobResult, type Outcome } from './child-pool';
import { mutate } from './mutate';
import { TARGETS, sourceBytes, type FuzzTarget, type TargetName } from './targets';
import { formatReport, newTally, record, type Tally } from './report';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string' },
    targets: { type: 'string', default: Object.keys(TARGETS).join(',') },
    'timeout-ms': { type: 'string', default: '5000' },
    'memory-mb': { type: 'string', default: '512' },
    replay: { type: 'string' },
    target: { type: 'string' },
  },
});

function positive(name: string, text: string): number {
  const v = Number(text);
  if (!(Number.isFinite(v) && v > 0)) throw new Error(`--${name} must be a positive number, got "${text}".`);
  return v;
}

const BAD: readonly Outcome[] = ['crash', 'over-time', 'over-memory'];

async function replay(child: FuzzChild, file: string, target: TargetName): Promise<number> {
  const r = await child.run({ target, file, variant: 0 });
  console.log(`${target} ${file}: ${r.outcome} in ${r.ms.toFixed(0)} ms, +${r.peakGrowthMb.toFixed(0)} MB\n${r.message}`);
  return BAD.includes(r.outcome) ? 1 : 0;
}

async function main(): Promise<number> {
  const dataDir = process.env.RNN_NADE_DATA_DIR;
  const bounds = { timeoutMs: positive('timeout-ms', values['timeout-ms']!), memoryMb: positive('memory-mb', values['memory-mb']!) };
  const child = new FuzzChild(bounds);
  try {
    if (values.replay) {
      if (!values.target || !(values.target in TARGETS)) throw new Error(`--replay needs --target (${Object.keys(TARGETS).join(', ')}).`);
      return await replay(child, values.replay, values.target as TargetName);
    }
    if (!dataDir) throw new Error('Set RNN_NADE_DATA_DIR to the folder of real corpora (e.g. ../shared/data).');
    const seconds = positive('seconds', values.seconds!);
    const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Math.trunc(positive('seed', values.seed));
    const names = values.targets!.split(',').map((t) => t.trim()) as TargetName[];
    for (const n of names) if (!(n in TARGETS)) throw new Error(`Unknown target "${n}" (known: ${Object.keys(TARGETS).join(', ')}).`);
    const targets = names.map((n) => ({ target: TARGETS[n], files: TARGETS[n].sources(dataDir) }));
    for (const { target, files } of targets) if (files.length === 0) throw new Error(`No ${target.name} source files under ${dataDir}.`);
    const outDir = mkdtempSync(path.join(tmpdir(), 'rnn-nade-fuzz-'));
    console.log(`fuzz: seed ${seed}, ${seconds} s, bounds ${bounds.timeoutMs} ms and ${bounds.memoryMb} MB per mutant, mutants in ${outDir}`);
    console.log(`sources: ${targets.map(({ target, files }) => `${target.name} ${files.length}`).join(', ')}`);
    const tally = await campaign({ child, targets, seed, seconds, outDir });
    console.log(formatReport(tally, seed));
    return [...tally.values()].some((t) => BAD.some((o) => t.counts[o] > 0)) ? 1 : 0;
  } finally {
    child.stop();
  }
}

interface CampaignOptions {
  readonly child: FuzzChild;
  readonly targets: ReadonlyArray<{ target: FuzzTarget; files: string[] }>;
  readonly seed: number;
  readonly seconds: number;
  readonly outDir: string;
}

/** Round-robin over the targets until the time is up; offending mutants are kept in `outDir`. */
async function campaign(o: CampaignOptions): Promise<Map<TargetName, Tally>> {
  const rng = new Rng(o.seed);
  const cache = new Map<string, Uint8Array>();
  const tally = new Map(o.targets.map(({ target }) => [target.name, newTally()] as const));
  const deadline = performance.now() + o.seconds * 1000;
  let n = 0;
  while (performance.now() < deadline) {
    const { target, files } = o.targets[n % o.targets.length]!;
    const pick = () => {
      const bytes = sourceBytes(cache, files[rng.int(files.length)]!);
      return target.piece ? target.piece(bytes, rng) : bytes;
    };
    const source = files[rng.int(files.length)]!;
    const src = target.piece ? target.piece(sourceBytes(cache, source), rng) : sourceBytes(cache, source);
    const { bytes, applied } = mutate(src, pick(), rng, target.mutations);
    const variant = rng.int(6);
    const file = path.join(o.outDir, `current-${target.name}${target.ext}`);
    writeFileSync(file, bytes);
    const r: JobResult = await o.child.run({ target: target.name, file, variant });
    const t = tally.get(target.name)!;
    record(t, r);
    if (BAD.includes(r.outcome)) {
      const kept = path.join(o.outDir, `${target.name}-${n}-${r.outcome}${target.ext}`);
      copyFileSync(file, kept);
      writeFileSync(
        `${kept}.txt`,
        `source ${source}\nmutations ${applied.join(', ')}\nvariant ${variant}\n${r.outcome} in ${r.ms.toFixed(0)} ms\n${r.message}\n`,
      );
      t.kept.push(kept);
      console.log(`  ${r.outcome}: ${kept} (${applied.join(', ')}): ${r.message.split('\n')[0]!.slice(0, 200)}`);
    }
    n++;
  }
  return tally;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
