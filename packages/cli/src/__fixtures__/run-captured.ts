import { runCli } from '../main';

/** What {@link runCaptured} returns: the exit code and everything written to stdout and stderr. */
export interface CapturedRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the CLI in-process with captured stdout / stderr and silenced progress output (for tests). */
export async function runCaptured(...argv: string[]): Promise<CapturedRun> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), progressStream: { write: () => true } });
  return { code, out, err };
}
