#!/usr/bin/env node
import { runCli } from './main';

// `rnn-nade sample ... --decode | head -1` closes the pipe early: stop quietly instead of
// crashing with an unhandled EPIPE error and a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await runCli(process.argv.slice(2));
