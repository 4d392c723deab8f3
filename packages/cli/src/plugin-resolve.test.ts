import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, initBackend, listEstimators, type EstimatorFactory } from '@rnn-nade/core';
import { BernoulliEstimator, type BernoulliConfig } from '@rnn-nade/estimator-bernoulli';
import { PluginError, findEstimatorFactory, loadModelWithPlugins, loadPlugin } from './plugins';
import { resolvePackageFrom, splitPackageSpecifier } from './plugin-resolve';

const root = mkdtempSync(join(tmpdir(), 'rnn-nade-plugin-'));
const project = join(root, 'project', 'src'); // resolution walks up to project/node_modules
const loads = globalThis as unknown as Record<string, number | undefined>;

/** Estimators of a fake package: Bernoulli under another namespaced class name. */
function factoryFor(pkg: string): EstimatorFactory {
  const className = `${pkg}>Fixture`;
  class Fixture extends BernoulliEstimator {
    override readonly className = className as never;
  }
  return { className, fromConfig: (c) => new Fixture(c as BernoulliConfig), defaultConfig: (dim) => ({ dim }) };
}

/**
 * Writes node_modules/<pkg> as the custom-estimator guide's template has it: ESM, `exports` with
 * only `types` + `import` (no `require`, no `default`), so CommonJS resolution cannot find it.
 * Importing it registers {@link factoryFor}(pkg) and counts the import.
 */
function writePluginPackage(pkg: string): void {
  const dir = join(root, 'project', 'node_modules', ...pkg.split('/'));
  mkdirSync(join(dir, 'dist'), { recursive: true });
  const manifest = {
    name: pkg,
    version: '0.1.0',
    type: 'module',
    exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' }, './package.json': './package.json' },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  writeFileSync(
    join(dir, 'dist', 'index.js'),
    `const key = ${JSON.stringify(pkg)};\n` +
      `globalThis[key] = (globalThis[key] ?? 0) + 1;\n` +
      `globalThis[Symbol.for('@rnn-nade/core/estimator-registry@v1')].set(key + '>Fixture', globalThis.__fixtureFactories[key]);\n`,
  );
}

beforeAll(async () => {
  await initBackend({ log: null });
  mkdirSync(project, { recursive: true });
  (globalThis as unknown as { __fixtureFactories: Record<string, EstimatorFactory> }).__fixtureFactories = {
    '@acme/estimator-one': factoryFor('@acme/estimator-one'),
    '@acme/estimator-two': factoryFor('@acme/estimator-two'),
    '@acme/estimator-three': factoryFor('@acme/estimator-three'),
  };
  for (const p of ['@acme/estimator-one', '@acme/estimator-two', '@acme/estimator-three']) writePluginPackage(p);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('--plugin NAME resolves like Node ESM from the current directory', () => {
  it('splits specifiers into package and subpath', () => {
    expect(splitPackageSpecifier('@a/b')).toEqual({ name: '@a/b', subpath: '.' });
    expect(splitPackageSpecifier('@a/b/c/d')).toEqual({ name: '@a/b', subpath: './c/d' });
    expect(splitPackageSpecifier('pkg/x')).toEqual({ name: 'pkg', subpath: './x' });
  });

  it('imports a package whose exports have only types + import, from a parent node_modules', async () => {
    const url = resolvePackageFrom('@acme/estimator-one', project);
    expect(url).toBe(`file://${join(root, 'project', 'node_modules', '@acme', 'estimator-one', 'dist', 'index.js')}`);
    expect(await loadPlugin('@acme/estimator-one', project)).toBe(url);
    expect(loads['@acme/estimator-one']).toBe(1);
    expect(listEstimators()).toContain('@acme/estimator-one>Fixture');
    expect(() => resolvePackageFrom('@acme/estimator-one/missing', project)).toThrow(/no "exports" entry ".\/missing"/);
  });

  it('names the package and where it looked when it is not installed', async () => {
    const error = await loadPlugin('@acme/not-installed', project).catch((e: unknown) => e);
    expect(PluginError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /Cannot load plugin "@acme\/not-installed": .*not installed in .*project\/src or its parents \(npm i @acme\/not-installed\)/,
    );
  });

  it('--estimator <package>><Class> (and --resume) imports the named package without --plugin', async () => {
    const found = await findEstimatorFactory('@acme/estimator-two>Fixture', project);
    expect(found.factory.className).toBe('@acme/estimator-two>Fixture');
    expect(found.module).toMatch(/estimator-two\/dist\/index\.js$/);
    expect(loads['@acme/estimator-two']).toBe(1);
  });

  it('eval/sample load the package a model file names, or say which --plugin to pass', async () => {
    const registry = (globalThis as unknown as Record<symbol, Map<string, EstimatorFactory>>)[Symbol.for('@rnn-nade/core/estimator-registry@v1')]!;
    const fixtures = (globalThis as unknown as { __fixtureFactories: Record<string, EstimatorFactory> }).__fixtureFactories;
    const save = async (pkg: string) => {
      registry.set(`${pkg}>Fixture`, fixtures[pkg] ?? factoryFor(pkg));
      const model = SequenceModel.create({ encoder: { inputDim: 4, hidden: 3 }, estimator: registry.get(`${pkg}>Fixture`)!.fromConfig({ dim: 4 }), seed: 1 });
      const dir = join(root, pkg.replace('/', '_'));
      await model.save(dir);
      model.dispose();
      registry.delete(`${pkg}>Fixture`); // as in a fresh process that has not imported the package
      return dir;
    };
    const three = await save('@acme/estimator-three');
    const { model } = await loadModelWithPlugins(three, project);
    expect(model.estimator.className).toBe('@acme/estimator-three>Fixture');
    expect(loads['@acme/estimator-three']).toBe(1);
    model.dispose();

    const ghost = await save('@acme/ghost');
    const error = await loadModelWithPlugins(ghost, project).catch((e: unknown) => e);
    expect(PluginError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /The model in .* needs an estimator from "@acme\/ghost", which cannot be imported from .*\. Install it \(npm i @acme\/ghost\) or pass --plugin/,
    );
  });
});
