#!/usr/bin/env node
import { installProcessErrorHandlers } from '@rnn-nade/core/node';
import { runCli } from './main';

// An error escaping runCli (a stream callback, a stray rejection) ends the process with exit code 1
// and the message first, instead of the wasm backend's exit code 7 and a dump of Emscripten code.
installProcessErrorHandlers({ name: 'rnn-nade' });

// `rnn-nade sample ... --decode | head -1` closes the pipe early: stop quietly instead of
// crashing with an unhandled EPIPE error and a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await runCli(process.argv.slice(2));
