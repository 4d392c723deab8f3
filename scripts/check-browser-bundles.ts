/**
 * Bundles the main entry of every universal package for the browser with esbuild
 * (`--bundle --platform=browser --format=esm`, no plugins, no stubs) and fails on any error, so a
 * Node built-in (`node:fs`, `worker_threads`, ...) reachable from a main entry breaks CI. Prints
 * each bundle's minified size and the size of core + estimator-nade + data-midi bundled together.
 *
 * Bundles the built `dist/` entries (what users install), so run `npm run build` first;
 * `--src` bundles the TypeScript sources instead (no build needed).
 *
 * @example
 * ```sh
 * npm run build && npm run check:browser
 * ```
 */
import { build, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** The packages whose main entry must bundle for the browser. */
const PACKAGES = [
  '@rnn-nade/core',
  '@rnn-nade/estimator-bernoulli',
  '@rnn-nade/estimator-nade',
  '@rnn-nade/estimator-rnade',
  '@rnn-nade/data-midi',
  '@rnn-nade/data-text',
] as const;

/** The combination whose size the README reports. */
const TOGETHER = ['@rnn-nade/core', '@rnn-nade/estimator-nade', '@rnn-nade/data-midi'] as const;

const root = fileURLToPath(new URL('..', import.meta.url));

function srcAliases(): Record<string, string> {
  return Object.fromEntries(PACKAGES.map((p) => [p, `${root}packages/${p.slice('@rnn-nade/'.length)}/src/index.ts`]));
}

/** Bundles `import * as ... from` each of `names`; returns the minified size in bytes. */
async function bundleSize(names: readonly string[], options: { src: boolean }): Promise<number> {
  const contents = names.map((n, i) => `export * as m${i} from '${n}';`).join('\n');
  const config: BuildOptions = {
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    logLevel: 'silent',
    ...(options.src ? { alias: srcAliases(), tsconfig: `${root}tsconfig.json` } : {}),
  };
  const result = await build(config);
  return (result.outputFiles ?? []).reduce((sum, f) => sum + f.contents.byteLength, 0);
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main(): Promise<void> {
  const src = process.argv.includes('--src');
  let failed = 0;
  const check = async (label: string, names: readonly string[]): Promise<void> => {
    try {
      console.log(`${label.padEnd(52)} ${kib(await bundleSize(names, { src }))} (minified)`);
    } catch (error) {
      failed++;
      const errors = (error as { errors?: { text: string; location?: { file: string } | null }[] }).errors ?? [];
      console.error(`${label}: ${errors.length} error(s)`);
      for (const e of errors) console.error(`  ${e.location?.file ?? '?'}: ${e.text}`);
      if (errors.length === 0) console.error(error);
    }
  };
  for (const name of PACKAGES) await check(name, [name]);
  await check(TOGETHER.join(' + '), TOGETHER);
  if (failed > 0) {
    console.error(`${failed} browser bundle(s) failed`);
    process.exitCode = 1;
  }
}

await main();
