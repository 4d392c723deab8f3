import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { ChecksumError, CorpusUnavailableError } from '../errors';

/** The part of a `fetch` Response that the downloader uses. */
export interface FetchResponseLike {
  /** True for a 2xx status. */
  readonly ok: boolean;
  /** HTTP status code. */
  readonly status: number;
  /** HTTP status text. */
  readonly statusText?: string;
  /** The body bytes. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A `fetch`-compatible function (inject a fake in tests; the default is the global `fetch`). */
export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<FetchResponseLike>;

/**
 * The user cache directory for downloaded corpora: `$RNN_NADE_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/rnn-nade`, else `~/.cache/rnn-nade`.
 */
export function defaultCacheDir(): string {
  if (process.env.RNN_NADE_CACHE_DIR) return process.env.RNN_NADE_CACHE_DIR;
  const xdg = process.env.XDG_CACHE_HOME;
  return xdg ? path.join(xdg, 'rnn-nade') : path.join(homedir(), '.cache', 'rnn-nade');
}

/** Lower-case hex sha256 of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Options of {@link downloadVerified}. */
export interface DownloadOptions {
  /** The fetch function (default: global `fetch`). */
  readonly fetch?: FetchLike;
  /** Abort the download after this many milliseconds (default 120 000). */
  readonly timeoutMs?: number;
  /** Progress / info messages (default: silent). */
  readonly log?: (message: string) => void;
  /** Hint appended to "offline" errors. */
  readonly hint?: string;
}

/**
 * Downloads `url`, checks its sha256 against `sha256`, and writes it atomically (temp file +
 * rename) to `dest`. A checksum mismatch throws {@link ChecksumError} and keeps nothing; a
 * network failure throws {@link CorpusUnavailableError}.
 *
 * @example
 * ```ts
 * await downloadVerified(url, '2db9...', '/home/me/.cache/rnn-nade/jsb-chorales/jsb-chorales-quarter.json');
 * ```
 */
export async function downloadVerified(url: string, sha256: string, dest: string, options: DownloadOptions = {}): Promise<Uint8Array> {
  const doFetch: FetchLike = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
  const hint = options.hint ?? '';
  if (typeof doFetch !== 'function') {
    throw new CorpusUnavailableError(`Cannot download ${url}: no fetch function is available.${hint}`);
  }
  options.log?.(`rnn-nade: downloading ${url}`);
  let bytes: Uint8Array;
  try {
    const res = await doFetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 120_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (cause) {
    const inner = (cause as { cause?: { code?: string } })?.cause?.code;
    const reason = `${cause instanceof Error ? cause.message : String(cause)}${inner ? `: ${inner}` : ''}`;
    throw new CorpusUnavailableError(`Could not download ${url} (${reason}); are you offline?${hint}`, { cause });
  }
  const actual = sha256Hex(bytes);
  if (actual !== sha256.toLowerCase()) throw new ChecksumError(url, sha256, actual);
  await mkdir(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.tmp-${process.pid}-${Date.now()}`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, dest);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return bytes;
}
