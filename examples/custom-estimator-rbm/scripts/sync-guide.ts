/**
 * Rewrites the `file=src/…` blocks of docs/guides/custom-estimator.md from the example's current
 * sources (run after changing them; src/guide.test.ts fails until you do).
 *
 *   npm run sync-guide -w examples/custom-estimator-rbm
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GUIDE, syncGuide } from '../src/guide-files';
import { REPO_ROOT } from '../src/paths';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'custom-estimator-rbm sync-guide' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const file = join(REPO_ROOT, GUIDE);
const before = readFileSync(file, 'utf8');
const after = syncGuide(before, resolve(REPO_ROOT, 'examples/custom-estimator-rbm'));
writeFileSync(file, after);
console.log(before === after ? `${GUIDE} already up to date` : `updated ${GUIDE}`);
