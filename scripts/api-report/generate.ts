/**
 * `npm run api:report`: writes `api/<package>[.<entry>].api.md` for every public entry point of
 * every published package (from package.json `exports`, built `.d.ts` files — run `npm run build`
 * first). `--check` writes nothing and exits 1 when a report would change (CI), listing which.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { apiEntries, formatApiReport } from './api-report';

const root = resolve(import.meta.dirname, '../..');
const outDir = join(root, 'api');
const { values } = parseArgs({ options: { check: { type: 'boolean' } } });

type Exports = Record<string, string | { types?: string }>;
const reports = new Map<string, string>();
for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as { name: string; private?: boolean; exports?: Exports };
  if (pkg.private) continue;
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    const types = typeof target === 'object' ? target.types : undefined;
    if (!types) continue;
    const dts = join(root, 'packages', dir, types);
    if (!existsSync(dts)) throw new Error(`${dts} is missing: run \`npm run build\` first`);
    const title = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.replace(/^\.\//, '')}`;
    const file = `${title.replace(/^@/, '').replace(/\//g, '.')}.api.md`;
    reports.set(file, formatApiReport(title, apiEntries(dts)));
  }
}

const changed = [...reports].filter(([file, text]) => !existsSync(join(outDir, file)) || readFileSync(join(outDir, file), 'utf8') !== text).map(([f]) => f);
const stale = existsSync(outDir) ? readdirSync(outDir).filter((f) => f.endsWith('.api.md') && !reports.has(f)) : [];
if (values.check) {
  for (const f of [...changed, ...stale]) console.log(`api/${f} is out of date`);
  console.log(
    `${reports.size} API reports checked, ${changed.length + stale.length} out of date${changed.length + stale.length ? ': run `npm run build && npm run api:report` and commit the reports' : ''}`,
  );
  if (changed.length + stale.length) process.exitCode = 1;
} else {
  mkdirSync(outDir, { recursive: true });
  for (const [file, text] of reports) writeFileSync(join(outDir, file), text);
  console.log(`${reports.size} API reports written to api/ (${changed.length} changed)`);
}
