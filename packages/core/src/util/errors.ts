/**
 * Base class of every error rnn-nade throws on purpose. `code` is a stable machine-readable tag.
 *
 * @example
 * ```ts
 * try { await loadModel(dir); } catch (e) { if (e instanceof RnnNadeError) console.error(e.code, e.message); }
 * ```
 */
export class RnnNadeError extends Error {
  /** Stable tag, e.g. `'UNKNOWN_ESTIMATOR'`. */
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A value had the wrong shape, type or range (e.g. a `[N, D]` tensor with the wrong `D`). */
export class ShapeError extends RnnNadeError {
  constructor(message: string) {
    super('SHAPE', message);
  }
}

/** An invalid option or configuration value. */
export class ConfigError extends RnnNadeError {
  constructor(message: string) {
    super('CONFIG', message);
  }
}

/** A model file names an estimator whose package was not imported (or does not exist). */
export class UnknownEstimatorError extends RnnNadeError {
  /** The namespaced class name that was looked up. */
  readonly className: string;
  /** The npm package expected to register it, when the class name is namespaced. */
  readonly packageName: string | undefined;
  constructor(className: string, packageName: string | undefined, known: readonly string[]) {
    const hint = packageName
      ? `Import "${packageName}" (npm i ${packageName}) before loading, so that it registers itself.`
      : 'Class names should be namespaced as "<npm package>><Class>".';
    super(
      'UNKNOWN_ESTIMATOR',
      `Unknown estimator "${className}". ${hint} Registered: ${known.length ? known.join(', ') : '(none)'}.`,
    );
    this.className = className;
    this.packageName = packageName;
  }
}

/** Training produced a NaN or infinite loss. */
export class NonFiniteLossError extends RnnNadeError {
  constructor(message: string) {
    super('NON_FINITE_LOSS', message);
  }
}
