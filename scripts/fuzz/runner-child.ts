/**
 * The fuzz worker process: reads one mutant per message with the public reader of its target
 * and replies with the outcome and the peak memory the read took. Run by `child-pool.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { RnnNadeError } from '@rnn-nade/core/node';
import { TARGETS, type TargetName } from './targets';

/** A request from the parent. */
export interface FuzzJob {
  /** Job number. */
  readonly id: number;
  /** Which reader. */
  readonly target: TargetName;
  /** The mutant file. */
  readonly file: string;
  /** Reader variant (drums / grid for MIDI). */
  readonly variant: number;
}

/** The child's answer. */
export interface FuzzReply {
  /** Job number. */
  readonly id: number;
  /** `typed`: an RnnNadeError; `accepted`: read without error; `crash`: any other error. */
  readonly outcome: 'typed' | 'accepted' | 'crash';
  /** Summary, error message, or stack. */
  readonly message: string;
  /** Rise of resident memory during the read (peak RSS minus RSS before), in MB. */
  readonly peakGrowthMb: number;
}

const kb = (field: string): number =>
  Number(
    /\d+/.exec(
      readFileSync('/proc/self/status', 'utf8')
        .split('\n')
        .find((l) => l.startsWith(field)) ?? '0',
    )![0],
  );

let jobs = 0;

function resetPeak(): number {
  if (++jobs % 50 === 0) (globalThis as { gc?: () => void }).gc?.(); // keeps garbage of earlier reads out of the next baseline
  try {
    writeFileSync('/proc/self/clear_refs', '5'); // resets VmHWM to the current RSS (Linux)
  } catch {
    // Without clear_refs the peak is never lowered, so growth is over-estimated: still a safe bound.
  }
  return kb('VmRSS:');
}

process.on('message', (job: FuzzJob) => {
  const before = resetPeak();
  const finish = (outcome: FuzzReply['outcome'], message: string) => {
    const reply: FuzzReply = { id: job.id, outcome, message, peakGrowthMb: Math.max(0, kb('VmHWM:') - before) / 1024 };
    process.send!(reply);
  };
  TARGETS[job.target].read(job.file, job.variant).then(
    (summary) => finish('accepted', summary),
    (e: unknown) =>
      e instanceof RnnNadeError ? finish('typed', `${e.name}: ${e.message}`) : finish('crash', e instanceof Error ? (e.stack ?? String(e)) : String(e)),
  );
});
process.send!({ ready: true });
