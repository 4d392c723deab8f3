#!/usr/bin/env node
// Launcher of the `rnn-nade` command. It is committed (not built) so that `npm ci` can link the
// bin before anything is built: npm skips bins whose target does not exist at install time.
// The CLI itself is built by tsup to dist/bin.js.
import { existsSync } from 'node:fs';

const target = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(target)) {
  console.error('rnn-nade: the CLI is not built yet; run "npm run build" in the repository first.');
  process.exit(1);
}
await import(target.href);
