import { initBackend, loadModelFromUrl, type SequenceModel } from '@rnn-nade/core';
import '@rnn-nade/estimator-nade';
import { pianoRollSvg } from '@rnn-nade/data-midi';
import { choraleMidi, dataSpec, generateChorale, parseSettings, type Chorale } from '../src/chorale';
import { scheduleNotes } from '../src/schedule';
import { PlayToggle } from './audio';
import { DownloadButton } from './download-button';
import { useBundledWasm } from './wasm-paths';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $<HTMLParagraphElement>('status');
const generateButton = $<HTMLButtonElement>('generate');
const playButton = $<HTMLButtonElement>('play');
const download = new DownloadButton($<HTMLButtonElement>('download'), 'audio/midi');
const rollBox = $<HTMLDivElement>('roll');
const caption = $<HTMLElement>('caption');
const input = (id: string) => $<HTMLInputElement>(id).value;

let model: SequenceModel | undefined;
let spec = { low: 21, stepsPerQuarter: 1 };
let current: Chorale | undefined;
const player = new PlayToggle(playButton);

function say(message: string, error = false): void {
  status.textContent = message;
  status.classList.toggle('error', error);
}

async function start(): Promise<void> {
  useBundledWasm();
  const backend = await initBackend({ backend: 'wasm', log: null });
  const loaded = await loadModelFromUrl('model/');
  model = loaded.model;
  spec = dataSpec(loaded.metadata);
  const source = (await fetch('model/source.json')
    .then(
      (r) => (r.ok ? r.json() : {}),
      () => ({}),
    )
    .catch(() => ({}))) as { model?: string };
  const enc = model.encoderConfig;
  $<HTMLElement>('model-info').textContent =
    `Model: ${source.model ?? 'model/'} — LSTM ${enc.layers}×${enc.hidden}` +
    `${enc.attentionWindow ? `, attention window ${enc.attentionWindow}` : ''} → ${model.estimator.className}; backend ${backend}.`;
  generateButton.disabled = false;
  say('Ready. Choose the settings and press Generate.');
}

async function generate(): Promise<void> {
  if (!model) return;
  player.stop();
  const settings = parseSettings({ steps: input('steps'), temperature: input('temperature'), seed: input('seed') });
  generateButton.disabled = true;
  say(`Generating ${settings.steps} steps…`);
  await new Promise((r) => setTimeout(r, 0)); // let the status paint
  const t0 = performance.now();
  current = await generateChorale(model, settings, spec);
  const ms = performance.now() - t0;
  rollBox.innerHTML = pianoRollSvg(current, { stepWidth: 10, rowHeight: 6, title: `Chorale — seed ${settings.seed}, temperature ${settings.temperature}` });
  rollBox.dataset.notes = String(current.notes);
  rollBox.dataset.steps = String(current.steps.length);
  caption.textContent = `${current.notes} notes over ${current.steps.length} steps, generated in ${ms.toFixed(0)} ms.`;
  const bytes = choraleMidi(current, bpm());
  download.offer(bytes, `chorale-seed${settings.seed}.mid`);
  playButton.disabled = false;
  generateButton.disabled = false;
  say(`Done: ${current.notes} notes. Play it, or download the MIDI file.`);
}

function bpm(): number {
  const v = Number(input('bpm'));
  return Number.isFinite(v) && v >= 30 && v <= 240 ? v : 80;
}

const fail = (e: unknown) => {
  generateButton.disabled = !model;
  say(`Error: ${e instanceof Error ? e.message : String(e)}`, true);
  console.error(e);
};
generateButton.addEventListener('click', () => void generate().catch(fail));
playButton.addEventListener('click', () => {
  if (current) void player.toggle(scheduleNotes(current.steps, current.stepsPerQuarter, bpm())).catch(fail);
});
start().catch(fail);
