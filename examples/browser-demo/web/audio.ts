import type { PlayedNote } from '../src/schedule';
import { midiToHz } from '../src/schedule';

/** A running playback; `stop()` silences it at once. */
export interface Playback {
  /** Total length in seconds. */
  readonly seconds: number;
  /** Stops every scheduled note. */
  stop(): void;
}

/**
 * Plays notes with Web Audio: one triangle oscillator per note through a short attack/release
 * envelope, all scheduled ahead on the context's clock.
 */
export function playNotes(ctx: AudioContext, notes: readonly PlayedNote[]): Playback {
  const master = ctx.createGain();
  master.gain.value = 0.18;
  master.connect(ctx.destination);
  const t0 = ctx.currentTime + 0.05;
  const oscillators: OscillatorNode[] = [];
  for (const n of notes) {
    const osc = ctx.createOscillator();
    const env = ctx.createGain();
    osc.type = 'triangle';
    osc.frequency.value = midiToHz(n.pitch);
    const start = t0 + n.start;
    const end = start + Math.max(0.05, n.duration);
    env.gain.setValueAtTime(0, start);
    env.gain.linearRampToValueAtTime(1, start + 0.01);
    env.gain.setValueAtTime(1, Math.max(start + 0.01, end - 0.04));
    env.gain.linearRampToValueAtTime(0, end);
    osc.connect(env).connect(master);
    osc.start(start);
    osc.stop(end + 0.01);
    oscillators.push(osc);
  }
  const seconds = notes.reduce((m, n) => Math.max(m, n.start + n.duration), 0);
  return {
    seconds,
    stop() {
      for (const o of oscillators) {
        try {
          o.stop();
        } catch {
          // already stopped
        }
      }
      master.disconnect();
    },
  };
}
