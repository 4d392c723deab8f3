import { builtinModules } from 'node:module';
import type { Plugin } from 'vite';

const PREFIX = '\0rnn-nade-node-stub:';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A Vite plugin that replaces Node built-ins (`node:fs`, `node:path`, ...) with stub modules in a
 * browser bundle. The main entries of `@rnn-nade/core` and `@rnn-nade/data-midi` import Node
 * built-ins for their file-system functions (saving models, training checkpoints, corpus
 * loaders); a browser app never calls those, but Rollup needs every named import to exist. Each
 * stub exports the same names as the real module (read from Node at build time) as functions
 * that throw "`node:fs.readFile` is not available in the browser" when called.
 *
 * @example
 * ```ts
 * // vite.config.ts
 * export default defineConfig({ plugins: [nodeBuiltinStubs()] });
 * ```
 */
export function nodeBuiltinStubs(): Plugin {
  return {
    name: 'rnn-nade-node-builtin-stubs',
    enforce: 'pre',
    resolveId(id) {
      const bare = id.startsWith('node:') ? id.slice('node:'.length) : id;
      return builtinModules.includes(bare) ? PREFIX + bare : undefined;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return undefined;
      const name = id.slice(PREFIX.length);
      const real = (await import(`node:${name}`)) as Record<string, unknown>;
      const names = Object.keys(real).filter((k) => k !== 'default' && IDENTIFIER.test(k));
      return [
        `const unavailable = (n) => function () { throw new Error('node:${name}.' + n + ' is not available in the browser'); };`,
        ...names.map((n) => `export const ${n} = unavailable(${JSON.stringify(n)});`),
        `export default { ${names.join(', ')} };`,
      ].join('\n');
    },
  };
}
