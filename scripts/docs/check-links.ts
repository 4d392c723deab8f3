/**
 * `npm run docs:check-links`: crawls the built API site (`docs/api`, made by `npm run docs`) and
 * fails when an internal link is broken: a target file that does not exist, a `#fragment` with no
 * matching `id` in its target page, or a link to a raw markdown file (guides, results and the
 * design document must be site pages, not `media/*.md` downloads). External links are not
 * followed (no network). Prints one line per broken link and a summary; exit 1 when any.
 *
 * Options: `--dir DIR` (default `docs/api`).
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findBrokenLinks } from './link-check';

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string', default: 'docs/api' } } });
  const root = resolve(values.dir ?? 'docs/api');
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root}/index.html not found: run \`npm run docs\` first`);
  }
  const files = await htmlFiles(root);
  const pages = new Map<string, string>();
  for (const file of files) pages.set(relative(root, file), await readFile(file, 'utf8'));
  const exists = (path: string): boolean => {
    const full = join(root, path);
    return existsSync(full) && statSync(full).isFile();
  };
  const broken = findBrokenLinks(pages, exists);
  for (const b of broken) console.log(`${b.page}: ${b.href} (${b.reason})`);
  const linkCount = [...pages.values()].reduce((n, html) => n + (html.match(/\s(?:href|src)="/g)?.length ?? 0), 0);
  console.log(`${files.length} pages, ${linkCount} links checked, ${broken.length} broken in ${relative(process.cwd(), root)}`);
  if (broken.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
