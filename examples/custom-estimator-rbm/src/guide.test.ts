/**
 * The custom-estimator guide cannot rot: its `file=src/…` blocks are this example's files verbatim,
 * its package.json is publishable as described, and its CLI commands run (scaled down). Its other
 * TypeScript blocks are type-checked and its `ts run` blocks executed by docs/guides.test.ts.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@rnn-nade/core';
import { runCli } from '@rnn-nade/cli';
import { GUIDE, guideFileBlocks, syncGuide } from './guide-files';
import { REPO_ROOT } from './paths';

const exampleDir = resolve(import.meta.dirname, '..');
const guide = readFileSync(join(REPO_ROOT, GUIDE), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'rbm-guide-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(async () => {
  process.env.RNN_NADE_DATA_DIR ??= resolve(REPO_ROOT, '../shared/data');
  await initBackend({ log: null });
});

/** Fenced blocks of one language, with their code. */
function blocksOf(lang: string): string[] {
  return [...guide.matchAll(new RegExp(`^\`\`\`${lang}[^\\n]*\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]!);
}

/** Minimal POSIX-like word splitting: whitespace, single quotes, `VAR=value` prefixes dropped. */
function shellWords(line: string): string[] {
  const words = [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
  while (words.length && /^[A-Z_]+=/.test(words[0]!)) words.shift();
  return words;
}

describe('docs/guides/custom-estimator.md', () => {
  it('includes every source file of the plugin verbatim (npm run sync-guide -w examples/custom-estimator-rbm updates it)', () => {
    const blocks = guideFileBlocks(guide);
    const pluginFiles = ['rbm-config.ts', 'rbm-ops.ts', 'rbm-partition.ts', 'rbm-estimator.ts', 'register.ts', 'index.ts'].map((f) => `src/${f}`);
    expect(blocks.map((b) => b.file)).toEqual(pluginFiles);
    for (const b of blocks) {
      const actual = readFileSync(join(exampleDir, b.file), 'utf8').replace(/\n$/, '');
      expect(b.code, `${GUIDE}:${b.line} differs from examples/custom-estimator-rbm/${b.file}`).toBe(actual);
    }
    expect(syncGuide(guide, exampleDir)).toBe(guide);
    // the plugin's own imports stay inside these files and the public packages
    for (const f of pluginFiles) {
      const imports = [...readFileSync(join(exampleDir, f), 'utf8').matchAll(/^(?:(?:import|export|\})[^'\n]*\bfrom |import )'([^']+)'/gm)].map((m) => m[1]!);
      for (const spec of imports)
        expect(['@rnn-nade/core', '@tensorflow/tfjs-core'].includes(spec) || pluginFiles.includes(`src/${spec.slice(2)}.ts`), `${f} imports ${spec}`).toBe(
          true,
        );
    }
  });

  it('every non-test source file of the example imports only public entry points', () => {
    const allowed =
      /^(@rnn-nade\/core|@rnn-nade\/core\/node|@rnn-nade\/core\/testing|@rnn-nade\/data-midi|@rnn-nade\/data-midi\/node|@rnn-nade\/cli|@tensorflow\/tfjs-core|@rnn-nade-examples\/custom-estimator-rbm|vitest|node:.*|\.\.?\/.*)$/;
    for (const dir of ['src', 'scripts', 'src/__fixtures__']) {
      for (const f of readdirSync(join(exampleDir, dir)).filter((x) => x.endsWith('.ts'))) {
        const text = readFileSync(join(exampleDir, dir, f), 'utf8');
        for (const m of text.matchAll(/^(?:(?:import|export|\})[^'\n]*\bfrom |import )'([^']+)'/gm)) {
          expect(allowed.test(m[1]!), `${dir}/${f} imports ${m[1]}`).toBe(true);
          if (m[1]!.startsWith('.')) expect(resolve(exampleDir, dir, m[1]!).startsWith(exampleDir), `${dir}/${f} reaches outside the example`).toBe(true);
        }
      }
    }
  });

  it('shows a publishable package.json: ESM, types-first exports, peer dependencies on core and tfjs-core', () => {
    const [json] = blocksOf('json');
    const pkg = JSON.parse(json!) as {
      type: string;
      exports: Record<string, Record<string, string>>;
      peerDependencies: Record<string, string>;
      dependencies?: Record<string, string>;
      devDependencies: Record<string, string>;
      files: string[];
      sideEffects: string[];
    };
    expect(pkg.type).toBe('module');
    expect(Object.keys(pkg.exports['.']!)).toEqual(['types', 'import']);
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(['@rnn-nade/core', '@tensorflow/tfjs-core']);
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.files).toContain('!dist/**/*.test.*');
    expect(pkg.sideEffects).toEqual(['./dist/index.js']);
    const corePkg = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/core/package.json'), 'utf8'));
    expect(pkg.devDependencies['@rnn-nade/core']).toBe(`^${corePkg.version}`);
  });

  it('its rnn-nade train / eval / sample commands run (scaled down: 8 chorales, 1 epoch, 8 hidden units)', async () => {
    const lines = blocksOf('sh')
      .flatMap((b) => b.split('\n'))
      .filter((l) => /\bnpx rnn-nade (train|eval|sample)\b/.test(l) && l.includes('@acme/'));
    expect(lines.map((l) => /rnn-nade (\w+)/.exec(l)![1])).toEqual(['train', 'eval', 'sample']);
    let out = '';
    let err = '';
    const io = {
      stdout: (t: string) => {
        out += t;
      },
      stderr: (t: string) => {
        err += t;
      },
      progressStream: { write: () => true },
    };
    const scale: Record<string, string> = { '--hidden': '8', '--epochs': '1', '--steps': '4' };
    for (const line of lines) {
      const words = shellWords(line).slice(2); // drop "npx rnn-nade"
      const argv = words.map((w, i) => {
        const flag = words[i - 1];
        if (flag === '--plugin') return join(exampleDir, 'src/index.ts');
        if (flag && scale[flag]) return scale[flag]!;
        if (flag === '--estimator-config') return JSON.stringify({ ...JSON.parse(w), hidden: 8 });
        if (flag === '--out' || flag === '--model') return join(tmp, w);
        return w;
      });
      if (argv[0] !== 'sample') argv.push('--max-sequences', '8');
      out = '';
      const code = await runCli([...argv, ...(argv[0] === 'train' ? ['--quiet'] : [])], io);
      expect(err, line).toBe('');
      expect(code, line).toBe(0);
      if (argv[0] === 'eval') expect(JSON.parse(out).logLikelihoodPerStep).toBeLessThan(0);
    }
    expect(readFileSync(join(tmp, 'chorale.mid')).subarray(0, 4).toString()).toBe('MThd');
  });
});
