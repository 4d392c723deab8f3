/**
 * The README and every guide in docs/guides are executable documentation: their ```ts blocks are
 * type-checked together with the package sources, ```ts run blocks are executed with tsx on the
 * real (small) data, and their shell blocks may only name npm scripts and `rnn-nade` commands that
 * exist. Conventions: see ./guide-blocks.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractBlocks, shellReferences, type GuideBlock } from './guide-blocks';

const run = promisify(execFile);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.RNN_NADE_DATA_DIR ?? resolve(repoRoot, '../shared/data');
const workDir = join(repoRoot, 'node_modules/.cache/rnn-nade-guides');
const DOCS = [
  'README.md',
  ...readdirSync(join(repoRoot, 'docs/guides'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/guides/${f}`),
];
const blocks: GuideBlock[] = DOCS.flatMap((doc) => extractBlocks(readFileSync(join(repoRoot, doc), 'utf8'), doc));
const tsBlocks = blocks.filter((b) => b.lang === 'ts' || b.lang === 'typescript');

/** Where a block is written: `<workDir>/<doc slug>/<file= name or block-LINE.ts>`. */
function blockPath(b: GuideBlock): string {
  const slug = b.doc.replace(/\.md$/, '').replace(/[^\w-]+/g, '_');
  return join(workDir, slug, b.file ?? `block-${String(b.line).padStart(4, '0')}.ts`);
}

/** The root tsconfig's `paths` (every `@rnn-nade/*` name -> its sources). */
function rootPaths(): Record<string, string[]> {
  const text = readFileSync(join(repoRoot, 'tsconfig.json'), 'utf8');
  return (JSON.parse(text) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;
}

beforeAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  // ESM scope for the blocks (top-level await), and a tsconfig mapping the packages to sources.
  await writeFile(join(workDir, 'package.json'), '{ "type": "module", "private": true }\n');
  const tsconfig = {
    extends: join(repoRoot, 'tsconfig.base.json'),
    compilerOptions: { noEmit: true, baseUrl: repoRoot, paths: rootPaths(), types: ['node'] },
    include: ['**/*.ts'],
  };
  await writeFile(join(workDir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  for (const b of tsBlocks) {
    await mkdir(dirname(blockPath(b)), { recursive: true });
    // `export {}` makes every block a module even when it has no import (top-level await works).
    await writeFile(blockPath(b), `${b.code}\n\nexport {};\n`);
  }
});

describe('guide code blocks', () => {
  it('the extractor finds fences, attributes and shell invocations (so the checks below see every block)', () => {
    const md = [
      '# t',
      '```ts run',
      'const a = 1;',
      '```',
      'text',
      '~~~sh',
      'npm run demo # x',
      'npx rnn-nade eval --json',
      'npm run test:e2e -w examples/browser-demo',
      '~~~',
      '```ts file=x.ts',
      'export const x = 1;',
      '```',
    ].join('\n');
    const found = extractBlocks(md, 't.md');
    expect(found.map((b) => [b.line, b.lang, b.run, b.file])).toEqual([
      [2, 'ts', true, undefined],
      [6, 'sh', false, undefined],
      [11, 'ts', false, 'x.ts'],
    ]);
    expect(shellReferences(found[1]!.code)).toEqual([
      { kind: 'npm-script', name: 'demo' },
      { kind: 'cli-command', name: 'eval' },
      { kind: 'npm-script', name: 'test:e2e', workspace: 'examples/browser-demo' },
    ]);
    expect(() => extractBlocks('```ts\nconst a = 1;\n', 'bad.md')).toThrow(/never closed/);
    // Every document is checked and has code in it.
    for (const doc of DOCS)
      expect(
        blocks.some((b) => b.doc === doc),
        `${doc} has no code block`,
      ).toBe(true);
    expect(tsBlocks.length).toBeGreaterThan(15);
  });

  it('the API site (typedoc.json) includes every guide, the results page and the design document', () => {
    const config = JSON.parse(readFileSync(join(repoRoot, 'typedoc.json'), 'utf8')) as { projectDocuments: string[] };
    const guides = DOCS.filter((d) => d.startsWith('docs/guides/'));
    expect(config.projectDocuments.filter((d) => d.startsWith('docs/guides/')).sort()).toEqual(guides);
    expect(config.projectDocuments).toEqual(expect.arrayContaining(['docs/results.md', 'docs/design.md']));
  });

  it('every ```ts block type-checks (strict, against the package sources)', async () => {
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    const out = await run(process.execPath, [tsc, '-p', join(workDir, 'tsconfig.json'), '--pretty', 'false'], { cwd: workDir, maxBuffer: 16 << 20 }).then(
      (r) => r.stdout,
      (e: { stdout?: string }) => e.stdout ?? String(e),
    );
    // Only errors inside the blocks count (the package sources have their own checks).
    const byFile = new Map(tsBlocks.map((b) => [blockPath(b), b]));
    const errors = out
      .split('\n')
      .map((line) => /^(.*?)\((\d+),(\d+)\): error (TS\d+: .*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ file: resolve(workDir, m[1]!), line: Number(m[2]), message: m[4]! }))
      .filter((e) => byFile.has(e.file))
      .map((e) => {
        const b = byFile.get(e.file)!;
        return `${b.doc}:${b.line + e.line} ${e.message}`;
      });
    // Errors without a file (a broken tsconfig, say) count too.
    errors.push(...out.split('\n').filter((line) => /^error TS\d+/.test(line)));
    expect(errors, `type errors in guide code (document:line):\n${errors.join('\n')}`).toEqual([]);
  }, 120_000);

  it('every ```ts run block runs to completion with tsx', async () => {
    const runnable = tsBlocks.filter((b) => b.run);
    expect(runnable.length).toBeGreaterThan(2);
    for (const b of runnable) {
      const cwd = await mkdtemp(join(tmpdir(), 'rnn-nade-guide-run-'));
      try {
        const result = await run(process.execPath, ['--import', pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href, blockPath(b)], {
          cwd,
          env: { ...process.env, RNN_NADE_DATA_DIR: dataDir, TSX_TSCONFIG_PATH: join(workDir, 'tsconfig.json') },
          timeout: 90_000,
          maxBuffer: 16 << 20,
        }).catch((e: { stderr?: string; message: string }) => ({ failed: `${e.message}\n${e.stderr ?? ''}` }));
        expect('failed' in result ? result.failed : '', `${b.doc}:${b.line} failed`).toBe('');
        if (process.env.RNN_NADE_GUIDES_VERBOSE) console.log(`${b.doc}:${b.line}\n${'stdout' in result ? result.stdout : ''}`);
      } finally {
        await rm(cwd, { recursive: true, force: true });
      }
    }
  }, 240_000);

  it('shell blocks name only npm scripts and rnn-nade commands that exist', async () => {
    const { COMMANDS } = await import('@rnn-nade/cli');
    const commands = new Set(COMMANDS.map((c) => c.name));
    const scriptsOf = (dir: string) =>
      Object.keys((JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')) as { scripts?: object }).scripts ?? {});
    const problems: string[] = [];
    for (const b of blocks.filter((x) => ['sh', 'bash', 'shell', 'console'].includes(x.lang))) {
      for (const ref of shellReferences(b.code)) {
        if (ref.kind === 'cli-command') {
          if (!commands.has(ref.name) && ref.name !== 'help') problems.push(`${b.doc}:${b.line} rnn-nade ${ref.name}: no such command`);
          continue;
        }
        const dir = ref.workspace ?? '.';
        if (!existsSync(join(repoRoot, dir, 'package.json'))) problems.push(`${b.doc}:${b.line} -w ${dir}: no such workspace folder`);
        else if (!scriptsOf(dir).includes(ref.name))
          problems.push(`${b.doc}:${b.line} npm run ${ref.name}: no such script in ${relative(repoRoot, join(repoRoot, dir, 'package.json'))}`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  }, 60_000);
});
