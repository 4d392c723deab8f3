import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RnnNadeError, getEstimatorFactory, listEstimators, type EstimatorFactory } from '@rnn-nade/core/node';

/** The estimator packages the CLI loads so that `--estimator bernoulli|nade|rnade` resolve. */
export const BUILTIN_ESTIMATOR_PACKAGES = [
  '@rnn-nade/estimator-bernoulli',
  '@rnn-nade/estimator-nade',
  '@rnn-nade/estimator-rnade',
] as const;

/** A plugin module could not be imported. */
export class PluginError extends RnnNadeError {
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
 * Imports a user plugin (`--plugin MODULE`): a path (relative to `cwd`) or a package name
 * (resolved from the CLI, then from `cwd`). Importing it is expected to call
 * `registerEstimator`, after which `--estimator <alias or className>` finds it. Returns the
 * specifier it imported (a file URL or a package name), which training workers import too.
 * @throws PluginError with the module name and the import error.
 */
export async function loadPlugin(spec: string, cwd = process.cwd()): Promise<string> {
  const isPath = spec.startsWith('.') || isAbsolute(spec) || /\.(m?[jt]s|cjs)$/.test(spec);
  try {
    if (isPath) {
      const url = pathToFileURL(resolve(cwd, spec)).href;
      await import(/* @vite-ignore */ url);
      return url;
    }
    try {
      await import(/* @vite-ignore */ spec);
      return spec;
    } catch (first) {
      let resolved: string;
      try {
        resolved = createRequire(resolve(cwd, 'noop.js')).resolve(spec);
      } catch {
        throw first;
      }
      const url = pathToFileURL(resolved).href;
      await import(/* @vite-ignore */ url);
      return url;
    }
  } catch (error) {
    throw new PluginError(`Cannot load plugin "${spec}": ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}

/** An estimator name given to `--estimator` is not registered. */
export class UnknownEstimatorFlagError extends RnnNadeError {
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
    throw new UnknownEstimatorFlagError(
      `Unknown estimator "${name}". Available: ${known.join(', ') || '(none)'}.${pkg} A custom estimator registers itself when its module is loaded with --plugin MODULE.`,
    );
  }
}
