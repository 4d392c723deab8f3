import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMidi } from '../midi/read-midi';
import { midiFiles } from '../test-util/real-files';
import type { CommandIo } from './command-io';
import { midi2rollCommand } from './midi2roll';
import { roll2midiCommand } from './roll2midi';

const tmp = mkdtempSync(path.join(tmpdir(), 'rnn-nade-midi-cli-'));
const f = (name: string) => path.join(tmp, name);

function capture(): CommandIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
  };
  return io;
}

const piano = midiFiles('classical-piano-midi').find((x) => x.endsWith('mz_545_1.mid'))!;
const groove = midiFiles('groove-midi')[5]!;

describe('midi2roll / roll2midi commands', () => {
  it('midi2roll -> roll2midi -> midi2roll gives the same steps (piano)', async () => {
    const io = capture();
    expect(await midi2rollCommand([piano, '--steps-per-quarter', '4', '--out', f('a.json')], io)).toBe(0);
    expect(io.err).toMatch(/^wrote .*a\.json: \d+ steps, \d+ notes\n$/);
    const a = JSON.parse(readFileSync(f('a.json'), 'utf8'));
    expect(a.stepsPerQuarter).toBe(4);
    expect(a.steps.length).toBeGreaterThan(400);
    expect(await roll2midiCommand([f('a.json'), '--out', f('a.mid')], io)).toBe(0);
    expect(await midi2rollCommand([f('a.mid'), '--out', f('b.json')], io)).toBe(0);
    expect(JSON.parse(readFileSync(f('b.json'), 'utf8')).steps).toEqual(a.steps);
  });

  it('drums round trip through channel 10; a sample-style JSON (no extras) works', async () => {
    const io = capture();
    expect(await midi2rollCommand([groove, '--drums', '--out', f('d.json')], io)).toBe(0);
    const d = JSON.parse(readFileSync(f('d.json'), 'utf8'));
    expect(d.drums).toBe(true);
    expect(await roll2midiCommand([f('d.json'), '--out', f('d.mid')], io)).toBe(0);
    expect(parseMidi(readFileSync(f('d.mid'))).notes.every((n) => n.channel === 9)).toBe(true);
    expect(await midi2rollCommand([f('d.mid'), '--drums', '--out', f('d2.json')], io)).toBe(0);
    expect(JSON.parse(readFileSync(f('d2.json'), 'utf8')).steps).toEqual(d.steps);

    writeFileSync(f('s.json'), JSON.stringify({ stepsPerQuarter: 2, steps: [[60, 64], [60, 64], [], [62.0]] }));
    expect(await roll2midiCommand([f('s.json'), '--out', f('s.mid'), '--bpm', '90', '--program', '19'], io)).toBe(0);
    const m = parseMidi(readFileSync(f('s.mid')));
    expect(m.notes.map((n) => [n.pitch, n.program])).toEqual([
      [60, 19],
      [64, 19],
      [62, 19],
    ]);
    expect(Math.round(m.tempos[0]!.bpm)).toBe(90);
  });

  it('writes SVG pictures', async () => {
    const io = capture();
    expect(await midi2rollCommand([piano, '--out', f('p.svg')], io)).toBe(0);
    expect(readFileSync(f('p.svg'), 'utf8')).toMatch(/^<svg [\s\S]*<\/svg>$/);
    expect(await roll2midiCommand([f('a.json'), '--out', f('q.svg')], io)).toBe(0);
    expect(existsSync(f('q.svg'))).toBe(true);
  });

  it('bad files: exit 1 with a one-line message, no stack trace, quickly', async () => {
    writeFileSync(f('text.mid'), 'not midi at all');
    const trunc = f('trunc.mid');
    copyFileSync(piano, trunc);
    writeFileSync(trunc, readFileSync(piano).subarray(0, 3000));
    writeFileSync(f('bad.json'), '{"steps": [[60], "x"]}');
    writeFileSync(f('broken.json'), '{"steps": [[60]');
    const cases: Array<[(a: string[], io: CommandIo) => Promise<number>, string[], RegExp]> = [
      [midi2rollCommand, [f('text.mid'), '--out', f('x.json')], /text\.mid: not a Standard MIDI File/],
      [midi2rollCommand, [trunc, '--out', f('x.json')], /trunc\.mid: .*truncated/],
      [midi2rollCommand, [f('missing.mid'), '--out', f('x.json')], /missing\.mid: no such file/],
      [roll2midiCommand, [f('bad.json'), '--out', f('x.mid')], /bad\.json is not a roll/],
      [roll2midiCommand, [f('broken.json'), '--out', f('x.mid')], /broken\.json is not valid JSON/],
      [roll2midiCommand, [f('missing.json'), '--out', f('x.mid')], /missing\.json does not exist/],
    ];
    for (const [cmd, args, msg] of cases) {
      const io = capture();
      const t0 = performance.now();
      expect(await cmd(args, io)).toBe(1);
      expect(performance.now() - t0).toBeLessThan(5000); // hang guard, not a speed target
      expect(io.err).toMatch(msg);
      expect(io.err.trimEnd().split('\n')).toHaveLength(1);
      expect(io.err).not.toMatch(/\n\s+at /);
    }
  });

  it('bad flags: exit 2 with a one-line message; --help exits 0', async () => {
    const bad: Array<[(a: string[], io: CommandIo) => Promise<number>, string[], RegExp]> = [
      [midi2rollCommand, [piano], /--out .* is required/],
      [midi2rollCommand, [piano, '--out', f('x.txt')], /must end in \.json or \.svg/],
      [midi2rollCommand, [piano, '--steps-per-quarter', 'four', '--out', f('x.json')], /--steps-per-quarter must be an integer/],
      [midi2rollCommand, [piano, '--bogus', '--out', f('x.json')], /bogus/],
      [midi2rollCommand, ['--out', f('x.json')], /expected one input/],
      [roll2midiCommand, [f('a.json'), '--out', f('x.mid'), '--program', '300'], /--program must be an integer in 0\.\.127/],
      [roll2midiCommand, [f('a.json'), '--out', f('x.mid'), '--bpm', '-5'], /--bpm/],
    ];
    for (const [cmd, args, msg] of bad) {
      const io = capture();
      expect(await cmd(args, io)).toBe(2);
      expect(io.err).toMatch(msg);
      expect(io.err.trimEnd().split('\n')).toHaveLength(1);
    }
    const io = capture();
    expect(await midi2rollCommand(['--help'], io)).toBe(0);
    expect(io.out).toMatch(/Usage: rnn-nade midi2roll/);
    expect(await roll2midiCommand(['-h'], io)).toBe(0);
    expect(io.out).toMatch(/Usage: rnn-nade roll2midi/);
  });
});
