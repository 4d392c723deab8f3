import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-error';
import { didYouMean } from './did-you-mean';

/** Flag specification for {@link parseFlags}: node:util parseArgs options. */
export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

/** Flags every model command accepts: backend choice, plugin modules, stack traces, help. */
export const COMMON_FLAGS: FlagSpec = {
  backend: { type: 'string' },
  plugin: { type: 'string', multiple: true },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** Flags of the commands that read a dataset (`train`, `eval`): where and how to load it. */
export const DATASET_FLAGS: FlagSpec = {
  dataset: { type: 'string' },
  'data-dir': { type: 'string' },
  'max-sequences': { type: 'string' },
  vectors: { type: 'string' },
  oov: { type: 'string' },
  eos: { type: 'string' },
  strict: { type: 'boolean' },
};

/** Parsed flag values by name. */
export type FlagValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** What {@link parseFlags} returns. */
export interface ParsedFlags {
  /** Flag values by name. */
  values: FlagValues;
  /** Arguments that are not flags (only with `allowPositionals`). */
  positionals: string[];
}

/**
 * Parses `argv` strictly against `spec` (no positionals unless `allowPositionals`), turning
 * node's errors into one-line {@link UsageError}s that name the command.
 */
export function parseFlags(command: string, argv: readonly string[], spec: FlagSpec, options: { allowPositionals?: boolean } = {}): ParsedFlags {
  try {
    const { values, positionals } = parseArgs({
      args: attachNegativeValues(argv, spec),
      options: spec,
      strict: true,
      allowPositionals: options.allowPositionals ?? false,
    });
    return { values: values as FlagValues, positionals };
  } catch (error) {
    const msg = (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
    const unknown = /^Unknown option '(-{1,2})([^']+)'/.exec(msg);
    const hint = unknown ? didYouMean(unknown[2]!, Object.keys(spec), (c) => `--${c}`) : '';
    throw new UsageError(`${msg}.${hint} Run "rnn-nade ${command} --help" for the flags.`);
  }
}

/**
 * Joins `--flag -3` into `--flag=-3` for string flags, so a negative number reaches the range
 * check (and its message) instead of node's "argument is ambiguous".
 */
function attachNegativeValues(argv: readonly string[], spec: FlagSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && spec[name]?.type === 'string' && next !== undefined && /^-(\d|\.\d|Infinity)/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** A string flag that must be present. */
export function requireString(command: string, values: FlagValues, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required (rnn-nade ${command} --help).`);
  return v;
}

/** An optional string flag. */
export function optString(values: FlagValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** An integer flag within [min, max]; `fallback` when absent. */
export function intFlag(values: FlagValues, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const v = values[name];
  if (v === undefined) return fallback;
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in ${min}..${max}`;
    throw new UsageError(`--${name} must be an integer ${range}, got "${String(v)}".`);
  }
  return n;
}

/** A finite number flag within [min, max]; `fallback` when absent. `min = Number.MIN_VALUE` reads as "> 0". */
export function numFlag(values: FlagValues, name: string, fallback: number, min = -Infinity, max = Infinity): number {
  const v = values[name];
  if (v === undefined) return fallback;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be ${describeRange(min, max)}, got "${String(v)}".`);
  }
  return n;
}

/** `a number > 0`, `a number in [0, 0.99]`, `a number <= 1`, ... for {@link numFlag}'s messages. */
function describeRange(min: number, max: number): string {
  const lower = min === -Infinity ? undefined : min === Number.MIN_VALUE ? '> 0' : `>= ${min}`;
  const upper = max === Infinity ? undefined : `<= ${max}`;
  if (lower === undefined && upper === undefined) return 'a finite number';
  if (lower === `>= ${min}` && upper !== undefined) return `a number in [${min}, ${max}]`;
  return `a number ${[lower, upper].filter((s) => s !== undefined).join(' and ')}`;
}

/** A flag restricted to a set of words. */
export function choiceFlag<T extends string>(values: FlagValues, name: string, choices: readonly T[], fallback: T): T {
  const v = values[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${String(v)}".${didYouMean(String(v), choices)}`);
  }
  return v as T;
}
