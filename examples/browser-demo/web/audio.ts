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

/**
 * A Play/Stop button for one piece: `toggle` starts playback (or stops a running one), the
 * button's label follows, and playback ends by itself after the last note. Shared by both pages.
 */
export class PlayToggle {
  private audio: AudioContext | undefined;
  private playback: Playback | undefined;

  constructor(
    private readonly button: HTMLButtonElement,
    private readonly labels: { readonly play: string; readonly stop: string } = { play: 'Play', stop: 'Stop' },
  ) {}

  /** Plays `notes` (or stops the running playback). */
  async toggle(notes: readonly PlayedNote[]): Promise<void> {
    if (this.playback) return this.stop();
    this.audio ??= new AudioContext();
    await this.audio.resume();
    const p = playNotes(this.audio, notes);
    this.playback = p;
    this.button.textContent = this.labels.stop;
    setTimeout(
      () => {
        if (this.playback === p) this.stop();
      },
      (p.seconds + 0.3) * 1000,
    );
  }

  /** Silences the running playback, if any. */
  stop(): void {
    this.playback?.stop();
    this.playback = undefined;
    this.button.textContent = this.labels.play;
  }
}
