/**
 * Copies the model the page loads into `public/model/` (served as `model/`): the committed
 * `models/jsb-rnn-nade` when it exists, else this example's small `demo-model/`. Only model.json
 * and the weights file it names are copied; `public/model/source.json` records which model it is.
 *
 * Usage: `npm run prepare-model -w examples/browser-demo [-- --model DIR]`
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'browser-demo prepare-model' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const here = dirname(fileURLToPath(import.meta.url));
const exampleDir = resolve(here, '..');
const repoRoot = resolve(exampleDir, '../..');
const { values } = parseArgs({ options: { model: { type: 'string' } } });
const candidates = values.model ? [resolve(values.model)] : [join(repoRoot, 'models/jsb-rnn-nade'), join(exampleDir, 'demo-model')];
const source = candidates.find((dir) => existsSync(join(dir, 'model.json')));
if (!source) {
  console.error(`No model found (looked for model.json in ${candidates.join(', ')}).`);
  process.exit(1);
}
const doc = JSON.parse(await readFile(join(source, 'model.json'), 'utf8')) as { weights?: { file?: string }; estimator?: { className?: string } };
const weightsFile = doc.weights?.file;
if (!weightsFile || !existsSync(join(source, weightsFile))) {
  console.error(`${source}/model.json names no weights file that exists (${weightsFile}).`);
  process.exit(1);
}
const out = join(exampleDir, 'public/model');
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await copyFile(join(source, 'model.json'), join(out, 'model.json'));
await copyFile(join(source, weightsFile), join(out, weightsFile));
const name = relative(repoRoot, source);
await writeFile(join(out, 'source.json'), `${JSON.stringify({ model: name, estimator: doc.estimator?.className ?? null })}\n`);
console.log(`browser-demo: serving ${name} (${doc.estimator?.className}) as model/`);
