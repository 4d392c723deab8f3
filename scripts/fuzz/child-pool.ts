import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FuzzJob, FuzzReply } from './runner-child';

/** How one mutant ended. */
export type Outcome = 'typed' | 'accepted' | 'crash' | 'over-time' | 'over-memory';

/** The result of one job. */
export interface JobResult {
  /** How it ended. */
  readonly outcome: Outcome;
  /** Summary, error message, stack or why the child was stopped. */
  readonly message: string;
  /** Wall time in milliseconds. */
  readonly ms: number;
  /** Peak resident memory growth during the read, in MB (when the child answered). */
  readonly peakGrowthMb: number;
}

/** Bounds of one read. */
export interface ChildBounds {
  /** Wall-clock limit per mutant. */
  readonly timeoutMs: number;
  /** Limit on the peak RSS growth per mutant, in MB. */
  readonly memoryMb: number;
}

const CHILD = fileURLToPath(new URL('./runner-child.ts', import.meta.url));

function rssMb(pid: number | undefined): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return Number(/\d+/.exec(line ?? '0')![0]) / 1024;
  } catch {
    return 0;
  }
}

/**
 * One long-lived worker process that reads mutants, killed and restarted whenever a read runs
 * over its time or memory bound or the process dies. The memory bound is enforced twice: the
 * parent polls the child's RSS (and kills it past the bound), and the child reports its peak.
 */
export class FuzzChild {
  private child: ChildProcess | null = null;
  private stderr = '';
  private nextId = 0;

  constructor(private readonly bounds: ChildBounds) {}

  /** Runs one job in the child (starting it if needed). */
  async run(job: Omit<FuzzJob, 'id'>): Promise<JobResult> {
    const child = await this.ensure();
    const id = this.nextId++;
    const t0 = performance.now();
    const startMb = rssMb(child.pid);
    return new Promise<JobResult>((resolve) => {
      let done = false;
      const end = (r: Omit<JobResult, 'ms'>, restart: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearInterval(poll);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (restart) this.stop();
        resolve({ ...r, ms: performance.now() - t0 });
      };
      const onMessage = (m: FuzzReply) => {
        if (m.id !== id) return;
        const over = m.peakGrowthMb > this.bounds.memoryMb;
        const outcome = over ? 'over-memory' : m.outcome;
        end({ outcome, message: over ? `peak RSS grew ${m.peakGrowthMb.toFixed(0)} MB; ${m.message}` : m.message, peakGrowthMb: m.peakGrowthMb }, over);
      };
      const onExit = (code: number | null, signal: string | null) => {
        const oom = /heap out of memory|Allocation failed/i.test(this.stderr);
        const why = `worker died (code ${code}, signal ${signal})${oom ? ': JavaScript heap out of memory' : ''}: ${this.stderr.slice(-400)}`;
        end({ outcome: oom ? 'over-memory' : 'crash', message: why, peakGrowthMb: 0 }, true);
      };
      const timer = setTimeout(
        () => end({ outcome: 'over-time', message: `no answer after ${this.bounds.timeoutMs} ms`, peakGrowthMb: 0 }, true),
        this.bounds.timeoutMs,
      );
      const poll = setInterval(() => {
        const grown = rssMb(child.pid) - startMb;
        if (grown > this.bounds.memoryMb) end({ outcome: 'over-memory', message: `RSS grew ${grown.toFixed(0)} MB while reading`, peakGrowthMb: grown }, true);
      }, 20);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ ...job, id });
    });
  }

  /** Stops the worker process. */
  stop(): void {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
    this.child = null;
  }

  private async ensure(): Promise<ChildProcess> {
    if (this.child) return this.child;
    this.stderr = '';
    // The heap limit sits above the memory bound, so a runaway read is caught by the bound first.
    const heap = Math.max(256, this.bounds.memoryMb * 2 + 256);
    const child = fork(CHILD, [], { execArgv: ['--import', 'tsx', '--expose-gc', `--max-old-space-size=${heap}`], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    child.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`fuzz worker failed to start (code ${code}): ${this.stderr}`)));
    });
    child.removeAllListeners('exit');
    this.child = child;
    return child;
  }
}
