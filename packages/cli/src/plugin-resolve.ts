import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Conditions tried in `exports` maps, in Node's order of preference for an ESM `import`. */
const IMPORT_CONDITIONS = ['import', 'node', 'module-sync', 'default'] as const;

/** Splits `@scope/name/sub/path` into the package name and the `exports` subpath (`.` or `./sub/path`). */
export function splitPackageSpecifier(spec: string): { name: string; subpath: string } {
  const parts = spec.split('/');
  const n = spec.startsWith('@') ? 2 : 1;
  const rest = parts.slice(n).join('/');
  return { name: parts.slice(0, n).join('/'), subpath: rest ? `./${rest}` : '.' };
}

/** Picks the target of an `exports` entry for an ESM import (conditions objects, arrays, strings). */
function pickTarget(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (Array.isArray(entry)) {
    for (const e of entry) {
      const t = pickTarget(e);
      if (t !== undefined) return t;
    }
    return undefined;
  }
  if (entry && typeof entry === 'object') {
    for (const [condition, value] of Object.entries(entry as Record<string, unknown>)) {
      if ((IMPORT_CONDITIONS as readonly string[]).includes(condition)) {
        const t = pickTarget(value);
        if (t !== undefined) return t;
      }
    }
  }
  return undefined;
}

/** The file an `exports` map gives for `subpath` (exact keys and one-`*` patterns), or undefined. */
function exportsTarget(exportsField: unknown, subpath: string): string | undefined {
  const isSubpathMap =
    exportsField && typeof exportsField === 'object' && !Array.isArray(exportsField) && Object.keys(exportsField).some((k) => k.startsWith('.'));
  if (!isSubpathMap) return subpath === '.' ? pickTarget(exportsField) : undefined;
  const map = exportsField as Record<string, unknown>;
  if (subpath in map) return pickTarget(map[subpath]);
  for (const [key, value] of Object.entries(map)) {
    const star = key.indexOf('*');
    if (star < 0 || !subpath.startsWith(key.slice(0, star)) || !subpath.endsWith(key.slice(star + 1))) continue;
    const matched = subpath.slice(star, subpath.length - (key.length - star - 1));
    return pickTarget(value)?.replaceAll('*', matched);
  }
  return undefined;
}

/**
 * Resolves a bare package specifier the way Node's ESM resolver does from a file in `fromDir`:
 * looks for `node_modules/<name>` in `fromDir` and each parent, then follows the package's
 * `exports` with the `import` / `node` / `default` conditions (else `main`, else `index.js`).
 * Returns a `file:` URL, or `undefined` when no folder on the way has the package.
 *
 * @throws Error when the package is there but does not export `subpath` for `import`.
 * @example
 * ```ts
 * await import(resolvePackageFrom('@acme/estimator-rbm', process.cwd())!);
 * ```
 */
export function resolvePackageFrom(spec: string, fromDir: string): string | undefined {
  const { name, subpath } = splitPackageSpecifier(spec);
  for (let dir = resolve(fromDir); ; dir = dirname(dir)) {
    const pkgDir = join(dir, 'node_modules', name);
    const manifest = join(pkgDir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown; main?: string };
      const target = pkg.exports !== undefined ? exportsTarget(pkg.exports, subpath) : subpath === '.' ? (pkg.main ?? 'index.js') : subpath;
      if (target === undefined) throw new Error(`${manifest} has no "exports" entry "${subpath}" for import (conditions ${IMPORT_CONDITIONS.join(', ')})`);
      return pathToFileURL(join(pkgDir, target)).href;
    }
    if (dirname(dir) === dir) return undefined;
  }
}
