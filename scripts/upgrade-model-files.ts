/**
 * `npx tsx scripts/upgrade-model-files.ts [DIR...]` (default: every model folder under models/
 * and examples/browser-demo/demo-model): rewrites format-1 model.json files as format 2, which adds
 * the `checksum` field sealing the whole document (manifest, configuration, metadata and, through
 * weights.sha256, the weights). The weights files are not touched, so evaluations give exactly the
 * same numbers. Each folder is fully validated first (weights checksum, sizes, finite values).
 * Already-upgraded folders are left alone.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODEL_FORMAT_VERSION, installProcessErrorHandlers, readModelDir, writeFileAtomic } from '@rnn-nade/core/node';
import { parseModelDocument, sealModelDocument } from '@rnn-nade/core/advanced';

installProcessErrorHandlers({ name: 'upgrade-model-files' });

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function modelFolders(root: string): Promise<string[]> {
  const out: string[] = [];
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) return out;
  if (await stat(join(root, 'model.json')).catch(() => null)) out.push(root);
  for (const name of (await readdir(root)).sort()) {
    const child = join(root, name);
    if ((await stat(child)).isDirectory()) out.push(...(await modelFolders(child)));
  }
  return out;
}

const roots =
  process.argv.length > 2 ? process.argv.slice(2).map((p) => resolve(p)) : [join(repoRoot, 'models'), join(repoRoot, 'examples/browser-demo/demo-model')];
const folders = (await Promise.all(roots.map(modelFolders))).flat();
for (const dir of folders) {
  const path = join(dir, 'model.json');
  const text = await readFile(path, 'utf8');
  const { doc } = parseModelDocument(text, path);
  const name = relative(process.cwd(), dir) || '.';
  if (doc.formatVersion === MODEL_FORMAT_VERSION) {
    console.log(`${name}: already format ${MODEL_FORMAT_VERSION}`);
    continue;
  }
  await readModelDir(dir); // the weights match their checksum, sizes and values are valid
  const sealed = await sealModelDocument({ ...doc, formatVersion: MODEL_FORMAT_VERSION });
  await writeFileAtomic(path, `${JSON.stringify(sealed, null, 2)}\n`);
  await readModelDir(dir);
  console.log(`${name}: format ${String(doc.formatVersion)} -> ${MODEL_FORMAT_VERSION}`);
}
