import type { JsonValue } from '../estimator/contract';
import { ModelFileError } from './model-file-error';

// The document checksum of a model.json (format version 2): a SHA-256 over the canonical JSON of
// the whole document minus the `checksum` field. The document holds the weights manifest, whose
// `sha256` covers the weights file, so one value seals the manifest (names, shapes, offsets),
// the configuration, the metadata and the weights. Browser-safe (Web Crypto).

/** How the `checksum` field of a model.json is computed (stored beside the value). */
export const CHECKSUM_SCOPE =
  'sha256 of the canonical JSON (keys sorted, no whitespace) of model.json without "checksum"; weights.sha256 covers the weights file';

/** The `checksum` field of a format-2 model.json. */
export interface ModelChecksum {
  /** Always `'sha256'`. */
  readonly algorithm: 'sha256';
  /** What the value covers ({@link CHECKSUM_SCOPE}). */
  readonly scope: string;
  /** Hex digest. */
  readonly value: string;
}

/**
 * JSON text with object keys sorted at every level and no whitespace: the same text for the same
 * value whatever the key order or formatting of the file it came from.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 * ```
 */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Hex SHA-256 of `bytes` with the Web Crypto API (`globalThis.crypto.subtle`: browsers in a
 * secure context — https or localhost — and Node ≥ 19), or `undefined` where it is unavailable.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string | undefined> {
  const subtle = (globalThis as { crypto?: { subtle?: { digest(a: string, d: Uint8Array): Promise<ArrayBuffer> } } }).crypto?.subtle;
  if (!subtle) return undefined;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The document checksum of `doc` (its `checksum` field is ignored), or `undefined` without Web Crypto. */
export async function documentChecksum(doc: Record<string, JsonValue>): Promise<string | undefined> {
  const { checksum: _ignored, ...rest } = doc;
  return sha256Hex(new TextEncoder().encode(canonicalJson(rest)));
}

/**
 * Returns `doc` with its `checksum` field set (what `writeModelDir` stores).
 * @throws ModelFileError WRITE_FAILED where Web Crypto is unavailable.
 */
export async function sealModelDocument(doc: Record<string, JsonValue>): Promise<Record<string, JsonValue>> {
  const value = await documentChecksum(doc);
  if (value === undefined)
    throw new ModelFileError('WRITE_FAILED', 'model.json', 'Cannot compute the model checksum: Web Crypto (crypto.subtle) is unavailable');
  const checksum: ModelChecksum = { algorithm: 'sha256', scope: CHECKSUM_SCOPE, value };
  const { checksum: _old, ...rest } = doc;
  return { ...rest, checksum: { ...checksum } };
}

/**
 * Checks the document checksum of a format-2 model.json (skipped where Web Crypto is
 * unavailable). `where` names the file in error messages.
 * @throws ModelFileError CHECKSUM_MISMATCH when the document was changed after it was written
 * (e.g. tensor offsets swapped, shapes or metadata edited), MALFORMED_JSON when the field is missing.
 */
export async function verifyDocumentChecksum(doc: Record<string, JsonValue>, where: string): Promise<void> {
  const c = doc.checksum;
  const stored = c !== null && typeof c === 'object' && !Array.isArray(c) ? c.value : undefined;
  if (typeof stored !== 'string' || (c as Record<string, JsonValue>).algorithm !== 'sha256') {
    throw new ModelFileError('MALFORMED_JSON', where, 'model.json has no valid "checksum" field ({algorithm: "sha256", value})');
  }
  const actual = await documentChecksum(doc);
  if (actual !== undefined && actual !== stored) {
    throw new ModelFileError(
      'CHECKSUM_MISMATCH',
      where,
      'model.json does not match its checksum: the file was edited or corrupted after it was written (manifest offsets, shapes, configuration or metadata changed)',
    );
  }
}
