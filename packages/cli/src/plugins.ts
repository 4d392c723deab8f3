import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RnnNadeError, SequenceModel, UnknownEstimatorError, getEstimatorFactory, listEstimators, type EstimatorFactory } from '@rnn-nade/core/node';
import { didYouMean } from './did-you-mean';
import { resolvePackageFrom } from './plugin-resolve';

/** The estimator packages the CLI loads so that `--estimator bernoulli|nade|rnade` resolve. */
export const BUILTIN_ESTIMATOR_PACKAGES = ['@rnn-nade/estimator-bernoulli', '@rnn-nade/estimator-nade', '@rnn-nade/estimator-rnade'] as const;

/** A plugin module could not be imported. */
export class PluginError extends RnnNadeError<'PLUGIN'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('PLUGIN', message, options);
  }
}

/** Which packages/modules were imported, and which built-ins failed (with why). */
export interface LoadedPlugins {
  /** Modules imported successfully. */
  readonly loaded: string[];
  /** Built-in packages that failed to import. */
  readonly failed: PluginFailure[];
}

/** A module that could not be imported, and why. */
export interface PluginFailure {
  /** The module specifier. */
  readonly module: string;
  /** First line of the import error. */
  readonly reason: string;
}

let builtinsLoaded: Promise<LoadedPlugins> | undefined;

/** Imports the built-in estimator packages once; a package that fails to import is reported, not fatal. */
export function loadBuiltinEstimators(): Promise<LoadedPlugins> {
  builtinsLoaded ??= (async () => {
    const out: LoadedPlugins = { loaded: [], failed: [] };
    for (const pkg of BUILTIN_ESTIMATOR_PACKAGES) {
      try {
        await import(/* @vite-ignore */ pkg);
        out.loaded.push(pkg);
      } catch (error) {
        out.failed.push({ module: pkg, reason: (error as Error).message.split('\n')[0]! });
      }
    }
    return out;
  })();
  return builtinsLoaded;
}

/**
 * Imports a user plugin (`--plugin MODULE`): a path (relative to `cwd`) or a package name,
 * resolved like Node's ESM resolver from `cwd` (its `node_modules` and the parents', `exports`
 * with the `import` condition), else from the CLI's own install. Importing it is expected to call
 * `registerEstimator`, after which `--estimator <alias or className>` finds it. Returns the
 * specifier it imported (a file URL or a package name), which training workers import too.
 * @throws PluginError with the module name and the import error.
 */
export async function loadPlugin(spec: string, cwd = process.cwd()): Promise<string> {
  const isPath = spec.startsWith('.') || isAbsolute(spec) || /\.(m?[jt]s|cjs)$/.test(spec);
  let target = spec;
  try {
    if (isPath) target = pathToFileURL(resolve(cwd, spec)).href;
    else target = resolvePackageFrom(spec, cwd) ?? spec;
    await import(/* @vite-ignore */ target);
    return target;
  } catch (error) {
    const first = (error as Error).message.split('\n')[0];
    const notFound = !isPath && target === spec && /Cannot find (package|module)/.test(first ?? '');
    const hint = notFound ? ` It is not installed in ${cwd} or its parents (npm i ${spec}), nor next to the CLI.` : '';
    throw new PluginError(`Cannot load plugin "${spec}": ${first}.${hint}`, { cause: error });
  }
}

/** An estimator name given to `--estimator` is not registered. */
export class UnknownEstimatorFlagError extends RnnNadeError<'UNKNOWN_ESTIMATOR'> {
  constructor(message: string) {
    super('UNKNOWN_ESTIMATOR', message);
  }
}

/**
 * Looks up `--estimator` (an alias such as `nade`, or a namespaced class name) after the
 * built-ins and plugins are loaded.
 * @throws UnknownEstimatorFlagError listing what is available and how to add more.
 */
export function resolveEstimatorFactory(name: string): EstimatorFactory {
  try {
    return getEstimatorFactory(name);
  } catch {
    const known = listEstimators().map((c) => {
      const alias = getEstimatorFactory(c).alias;
      return alias ? `${alias} (${c})` : c;
    });
    const pkg = name.includes('>') ? ` Install and pass --plugin ${name.slice(0, name.lastIndexOf('>'))}.` : '';
    const names = listEstimators().flatMap((c) => [c, getEstimatorFactory(c).alias ?? c]);
    throw new UnknownEstimatorFlagError(
      `Unknown estimator "${name}".${didYouMean(name, names, (c) => `"${c}"`)} Available: ${known.join(', ') || '(none)'}.${pkg} A custom estimator registers itself when its module is loaded with --plugin MODULE.`,
    );
  }
}

/** The npm package a namespaced estimator class name (`<package>><Class>`) comes from, if any. */
export function estimatorPackageOf(className: string): string | undefined {
  const at = className.lastIndexOf('>');
  return at > 0 ? className.slice(0, at) : undefined;
}

/**
 * Imports the package that registers `packageName`'s estimators, for a model file or an
 * `--estimator <package>><Class>` that names it. Returns the imported specifier.
 * @throws PluginError saying which `--plugin` to pass when the package is not installed.
 */
async function importNamedPackage(packageName: string, needed: string, cwd: string): Promise<string> {
  try {
    return await loadPlugin(packageName, cwd);
  } catch (error) {
    throw new PluginError(
      `${needed} needs an estimator from "${packageName}", which cannot be imported from ${cwd} (${(error as Error).message.split(': ').slice(1).join(': ')}). ` +
        `Install it (npm i ${packageName}) or pass --plugin PATH-OR-PACKAGE that registers it.`,
      { cause: error },
    );
  }
}

/**
 * {@link resolveEstimatorFactory}, but a namespaced name whose package was not imported yet
 * (`--estimator @acme/estimator-rbm>Rbm`, `--resume` of such a run) imports that package first.
 * Returns the factory and the module it imported, if any (training workers import it too).
 */
export async function findEstimatorFactory(name: string, cwd = process.cwd()): Promise<{ factory: EstimatorFactory; module?: string }> {
  const pkg = estimatorPackageOf(name);
  if (pkg === undefined || listEstimators().includes(name)) return { factory: resolveEstimatorFactory(name) };
  const module = await importNamedPackage(pkg, `--estimator ${name}`, cwd);
  return { factory: resolveEstimatorFactory(name), module };
}

/**
 * Loads a saved model for `eval` / `sample` / `complete`: when the model file names an estimator
 * whose package was not imported (no `--plugin`), imports that package (resolved from `cwd`) and
 * loads again.
 * @throws PluginError naming the `--plugin` to pass when the package is not installed.
 */
export async function loadModelWithPlugins(dir: string, cwd = process.cwd()): ReturnType<typeof SequenceModel.load> {
  try {
    return await SequenceModel.load(dir);
  } catch (error) {
    if (!UnknownEstimatorError.isInstance(error) || error.packageName === undefined) throw error;
    await importNamedPackage(error.packageName, `The model in ${dir}`, cwd);
    return SequenceModel.load(dir);
  }
}
