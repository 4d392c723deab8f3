import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Rng } from '@rnn-nade/core';
import { describe, expect, it } from 'vitest';
import { MidiParseError } from '../errors';
import { bytesOf, everyKth, midiFiles } from '../test-util/real-files';
import { smf, track } from '../test-util/smf-builder';
import { readMidi } from './read-midi';
import { readMidiFile } from './read-midi-file';
import { rollToMidi } from './roll-to-midi';
import { toToneMidi } from './tone-interop';

const tmp = mkdtempSync(path.join(tmpdir(), 'rnn-nade-bad-midi-'));
const write = (name: string, bytes: Uint8Array | string) => {
  const f = path.join(tmp, name);
  writeFileSync(f, bytes);
  return f;
};
const real = bytesOf(midiFiles('groove-midi')[0]!);

async function expectParseError(file: string, reason: RegExp): Promise<void> {
  const t0 = performance.now();
  const err = await readMidiFile(file).catch((e: unknown) => e);
  // A hang guard, not a speed target (speed is measured by `npm run bench:midi`): generous for a loaded CI machine.
  expect(performance.now() - t0).toBeLessThan(2000);
  expect(err).toBeInstanceOf(MidiParseError);
  expect((err as MidiParseError).file).toBe(file);
  expect((err as Error).message).toContain(file);
  expect((err as Error).message).toMatch(reason);
}

describe('readMidiFile on bad input throws MidiParseError naming the file, quickly', () => {
  it('zero-length file', () => expectParseError(write('empty.mid', new Uint8Array(0)), /empty \(0 bytes\)/));
  it('text file', () => expectParseError(write('notes.mid', 'These are not MIDI bytes.\n'.repeat(50)), /not a Standard MIDI File.*"Thes"/));
  it('random bytes', () => {
    const rng = new Rng(3);
    return expectParseError(
      write(
        'random.mid',
        Uint8Array.from({ length: 4096 }, () => rng.int(256)),
      ),
      /not a Standard MIDI File/,
    );
  });
  it('truncated real file', () =>
    expectParseError(write('trunc.mid', real.subarray(0, Math.floor(real.length / 2))), /declares \d+ bytes but only \d+ remain/));
  it('header cut short', () => expectParseError(write('short.mid', real.subarray(0, 10)), /not a Standard MIDI File/));
  it('huge declared track length', () => {
    const huge = real.slice();
    huge.set([0x7f, 0xff, 0xff, 0xff], 18); // the MTrk length field
    return expectParseError(write('huge.mid', huge), /declares 2147483647 bytes/);
  });
  it('huge declared header length', () => {
    const bad = real.slice();
    bad.set([0xff, 0xff, 0xff, 0xf0], 4);
    return expectParseError(write('hdr.mid', bad), /bad MThd header length/);
  });
  it('fewer tracks than declared', () => {
    const bytes = smf(1, 96, [track([[0, 0x90, 60, 1]])]);
    bytes[11] = 3;
    return expectParseError(write('tracks.mid', bytes), /declares 3 tracks but only 1/);
  });
  it('corrupt events: running status with no status, bad data byte, overlong varint', async () => {
    await expectParseError(write('rs.mid', smf(0, 96, [track([[0, 60, 100]])])), /running status without a previous status/);
    await expectParseError(write('db.mid', smf(0, 96, [track([[0, 0x90, 0x80, 100]])])), /data byte 0x80/);
    await expectParseError(write('vl.mid', smf(0, 96, [[0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, 6, 0xff, 0xff, 0xff, 0xff, 0x7f, 0]])), /longer than 4 bytes/);
    await expectParseError(write('meta.mid', smf(0, 96, [track([[0, 0xff, 0x01, 0x7f, 65]], { eot: false })])), /meta event length 127/);
  });
  it('missing file', () => expectParseError(path.join(tmp, 'nope.mid'), /no such file/));
  it('a roll that would be absurdly long (corrupt delta time) is refused', () => {
    const bytes = smf(0, 96, [
      track([
        [0, 0x90, 60, 100],
        [0x0fffffff, 0x80, 60, 0],
      ]),
    ]);
    expect(() => readMidi(bytes, { label: 'long.mid' })).toThrow(/long\.mid.*maxSteps/);
  });
});

/** Applies one random mutation: truncate, flip bytes, splice in a piece of another file, or poke a length field. */
function mutate(src: Uint8Array, donor: Uint8Array, rng: Rng): Uint8Array {
  const kind = rng.int(4);
  if (kind === 0) return src.slice(0, rng.int(src.length));
  if (kind === 1) {
    const out = src.slice();
    const flips = 1 + rng.int(8);
    for (let i = 0; i < flips; i++) out[rng.int(out.length)] = rng.int(256);
    return out;
  }
  if (kind === 2) {
    const at = rng.int(src.length);
    const from = rng.int(donor.length);
    const piece = donor.subarray(from, from + 1 + rng.int(200));
    const out = new Uint8Array(src.length + piece.length);
    out.set(src.subarray(0, at));
    out.set(piece, at);
    out.set(src.subarray(at), at + piece.length);
    return out;
  }
  const out = src.slice();
  const at = 4 + rng.int(Math.max(1, out.length - 8));
  out.set([rng.int(256), rng.int(256), rng.int(256), rng.int(256)], at);
  return out;
}

describe('fuzz: mutated real .mid files never crash or hang', () => {
  it('3,000 mutants of Groove, piano and fixture files: only MidiParseError, each fast', () => {
    const sources = [
      ...everyKth(midiFiles('groove-midi'), 230),
      ...everyKth(midiFiles('classical-piano-midi'), 93),
      ...midiFiles('midi-fixtures').filter((f) => f.endsWith('bach_format0.mid')),
    ].map(bytesOf);
    const rng = new Rng(20240611);
    const counts = { ok: 0, parseError: 0 };
    let slowest = 0;
    const t0 = performance.now();
    for (let i = 0; i < 3000; i++) {
      const src = sources[i % sources.length]!;
      const mutant = mutate(src, sources[rng.int(sources.length)]!, rng);
      const t = performance.now();
      try {
        const roll = readMidi(mutant, { label: `mutant-${i}`, drums: i % 2 === 0 });
        if (i % 10 === 0) {
          rollToMidi(roll);
          toToneMidi(mutant, `mutant-${i}`);
        }
        counts.ok++;
      } catch (e) {
        if (!(e instanceof MidiParseError)) throw new Error(`mutant ${i}: unexpected ${String(e)}`, { cause: e });
        expect(e.message).toContain(`mutant-${i}`);
        counts.parseError++;
      }
      slowest = Math.max(slowest, performance.now() - t);
    }
    const total = performance.now() - t0;
    expect(counts.ok + counts.parseError).toBe(3000);
    expect(counts.ok).toBeGreaterThan(100); // mutations that keep the file valid still parse
    expect(counts.parseError).toBeGreaterThan(100);
    // Hang guards, not speed targets: no single mutant may take seconds, the whole run must finish.
    expect(slowest).toBeLessThan(5000);
    expect(total).toBeLessThan(60_000);
  });
});
