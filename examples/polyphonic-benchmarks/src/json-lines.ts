/**
 * Parses a JSON-lines log, keeping the records `isRecord` accepts and skipping blank lines and a
 * torn (half-written) line left by a kill.
 */
export function parseJsonLines<T>(text: string, isRecord: (value: unknown) => boolean): T[] {
  const out: T[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isRecord(value)) out.push(value as T);
    } catch {
      // a torn last line after a kill: ignore it
    }
  }
  return out;
}
