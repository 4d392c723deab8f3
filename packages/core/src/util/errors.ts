/** The `Symbol.for` key every {@link RnnNadeError} carries, so errors are recognised across two copies of a package. */
export const RNN_NADE_ERROR_MARK: unique symbol = Symbol.for('rnn-nade.error') as never;

/**
 * Base class of every error rnn-nade throws on purpose. `code` is a stable machine-readable tag
 * (each subclass narrows it to its own string-literal union).
 *
 * Match errors with the static {@link RnnNadeError.isInstance} rather than `instanceof`: it
 * works when the error was thrown by another copy of the package (a plugin that brought its own
 * `@rnn-nade/core`, a bundled CLI).
 *
 * @example
 * ```ts
 * try { await loadModel(dir); } catch (e) { if (RnnNadeError.isInstance(e)) console.error(e.code, e.message); }
 * ```
 */
export class RnnNadeError<Code extends string = string> extends Error {
  /** Stable tag, e.g. `'UNKNOWN_ESTIMATOR'`. */
  readonly code: Code;
  /** Marker read by {@link RnnNadeError.isInstance} (a registry symbol, the same in every copy). */
  readonly [RNN_NADE_ERROR_MARK] = true;
  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }

  /**
   * Whether `value` is an error of this class (or a subclass), thrown by this or any other copy
   * of the package: it carries the `Symbol.for('rnn-nade.error')` marker and a class named like
   * this one in its prototype chain. No `instanceof`, so two installed copies still match.
   *
   * @example
   * ```ts
   * catch (e) { if (ModelFileError.isInstance(e)) console.error(e.reason, e.path); }
   * ```
   */
  static isInstance<T extends RnnNadeError>(this: abstract new (...args: never[]) => T, value: unknown): value is T {
    if (typeof value !== 'object' || value === null || (value as Record<symbol, unknown>)[RNN_NADE_ERROR_MARK] !== true) return false;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class isInstance was called on (ShapeError.isInstance)
    // biome-ignore lint/complexity/noUselessThisAlias: one name for the polymorphic receiver
    const cls: { readonly name: string } = this;
    if (cls === RnnNadeError || cls.name === 'RnnNadeError') return true;
    for (let p: unknown = Object.getPrototypeOf(value); p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
      const ctor = (p as { constructor?: { name?: string } }).constructor;
      if (ctor === cls || ctor?.name === cls.name) return true;
    }
    return false;
  }
}

/** A value had the wrong shape, type or range (e.g. a `[N, D]` tensor with the wrong `D`). */
export class ShapeError extends RnnNadeError<'SHAPE'> {
  constructor(message: string) {
    super('SHAPE', message);
  }
}

/** An invalid option or configuration value. */
export class ConfigError extends RnnNadeError<'CONFIG'> {
  constructor(message: string) {
    super('CONFIG', message);
  }
}

/** A model file names an estimator whose package was not imported (or does not exist). */
export class UnknownEstimatorError extends RnnNadeError<'UNKNOWN_ESTIMATOR'> {
  /** The namespaced class name that was looked up. */
  readonly className: string;
  /** The npm package expected to register it, when the class name is namespaced. */
  readonly packageName: string | undefined;
  constructor(className: string, packageName: string | undefined, known: readonly string[]) {
    const hint = packageName
      ? `Import "${packageName}" (npm i ${packageName}) before loading, so that it registers itself.`
      : 'Class names should be namespaced as "<npm package>><Class>".';
    super('UNKNOWN_ESTIMATOR', `Unknown estimator "${className}". ${hint} Registered: ${known.length ? known.join(', ') : '(none)'}.`);
    this.className = className;
    this.packageName = packageName;
  }
}

/** Training produced a NaN or infinite loss. */
export class NonFiniteLossError extends RnnNadeError<'NON_FINITE_LOSS'> {
  constructor(message: string) {
    super('NON_FINITE_LOSS', message);
  }
}

/**
 * An estimator config has a key the estimator does not know (a typo such as `hiden`, or `hidden`
 * given to an estimator without hidden units). Estimators check this in their config resolvers
 * with {@link UnknownConfigKeyError.check}, so nothing is dropped without a word.
 */
export class UnknownConfigKeyError extends RnnNadeError<'UNKNOWN_CONFIG_KEY'> {
  /** The unknown keys, in the config's order. */
  readonly keys: readonly string[];
  /** The keys the estimator accepts. */
  readonly allowed: readonly string[];
  constructor(estimator: string, keys: readonly string[], allowed: readonly string[]) {
    super(
      'UNKNOWN_CONFIG_KEY',
      `${estimator} config has unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}; it accepts ${allowed.map((k) => `"${k}"`).join(', ')}.`,
    );
    this.keys = keys;
    this.allowed = allowed;
  }

  /**
   * Throws when `config` has a key outside `allowed`.
   *
   * @example
   * ```ts
   * UnknownConfigKeyError.check('NADE', config, ['dim', 'hidden', 'seed', 'initScale']);
   * ```
   */
  static check(estimator: string, config: object, allowed: readonly string[]): void {
    const unknown = Object.keys(config).filter((k) => !allowed.includes(k));
    if (unknown.length > 0) throw new UnknownConfigKeyError(estimator, unknown, allowed);
  }
}

/**
 * Conditioning inputs do not fit the model: a conditioned model given sequences without
 * conditioning (or with the wrong number of channels), a label value outside its classes, a
 * missing user array, or an invalid `ConditioningSpec`.
 */
export class ConditioningError extends RnnNadeError<'CONDITIONING'> {
  constructor(message: string) {
    super('CONDITIONING', message);
  }
}
