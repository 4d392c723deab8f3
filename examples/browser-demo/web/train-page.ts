import { pianoRollSvg, rollToGridNotes } from '@rnn-nade/data-midi';
import { choraleMidi, parseSettings, type Chorale } from '../src/chorale';
import { scheduleNotes } from '../src/schedule';
import type { FromWorker, ToWorker } from '../src/train-protocol';
import { parseTrainSettings } from '../src/train-settings';
import type { DroppedFile } from '../src/training-set';
import { PlayToggle } from './audio';
import { DownloadButton } from './download-button';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const value = (id: string) => $<HTMLInputElement | HTMLSelectElement>(id).value;
const buttons = {
  train: $<HTMLButtonElement>('train'),
  stop: $<HTMLButtonElement>('stop'),
  sample: $<HTMLButtonElement>('sample'),
  play: $<HTMLButtonElement>('play'),
  save: $<HTMLButtonElement>('save'),
  load: $<HTMLButtonElement>('load'),
};
const download = new DownloadButton($<HTMLButtonElement>('download'), 'audio/midi');
const status = $<HTMLParagraphElement>('status');
const curve = $<HTMLDivElement>('curve');
const rollBox = $<HTMLDivElement>('roll');
const MODEL_NAME = 'my-model';

let files: DroppedFile[] = [];
let training = false;
let haveModel = false;
let current: Chorale | undefined;
const player = new PlayToggle(buttons.play, { play: 'Play', stop: 'Stop playing' });

const worker = new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module' });
const send = (message: ToWorker) => worker.postMessage(message);

function say(message: string, error = false): void {
  status.textContent = message;
  status.classList.toggle('error', error);
}

function refresh(): void {
  buttons.train.disabled = training || files.length === 0;
  buttons.stop.disabled = !training;
  buttons.sample.disabled = training || !haveModel;
  buttons.save.disabled = training || !haveModel;
  buttons.load.disabled = training;
  buttons.play.disabled = !current;
}

async function addFiles(list: FileList | null): Promise<void> {
  const picked = [...(list ?? [])];
  files = await Promise.all(picked.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  $('files').textContent = files.length ? `${files.length} file(s): ${files.map((f) => f.name).join(', ')}` : 'No files yet.';
  say(files.length ? 'Ready: press Train.' : 'Drop some MIDI files to start.');
  refresh();
}

function startTraining(): void {
  const settings = parseTrainSettings({
    epochs: value('epochs'),
    hidden: value('hidden'),
    nadeHidden: value('nade-hidden'),
    learningRate: value('lr'),
    stepsPerQuarter: value('spq'),
    seed: value('seed'),
    backend: value('backend'),
  });
  training = true;
  curve.dataset.epochs = '0';
  curve.innerHTML = '';
  $('data-summary').textContent = '';
  say('Reading the files…');
  send({ type: 'train', files, settings });
  refresh();
}

function showSample(steps: number[][], stepsPerQuarter: number): void {
  current = { steps, stepsPerQuarter, notes: rollToGridNotes(steps).length };
  rollBox.innerHTML = pianoRollSvg(current, { stepWidth: 8, rowHeight: 5, title: `Sample — seed ${value('seed')}, temperature ${value('temperature')}` });
  rollBox.dataset.notes = String(current.notes);
  rollBox.dataset.steps = String(steps.length);
  download.offer(choraleMidi(current, bpm()), `sample-seed${value('seed')}.mid`);
  say(`Sampled ${current.notes} notes over ${steps.length} steps. Play it or download the MIDI file.`);
}

function bpm(): number {
  const v = Number(value('bpm'));
  return Number.isFinite(v) && v >= 30 && v <= 240 ? v : 100;
}

function onMessage(m: FromWorker): void {
  switch (m.type) {
    case 'data': {
      const skipped = m.skipped.length ? ` Skipped ${m.skipped.length}: ${m.skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}.` : '';
      $('data-summary').textContent =
        `Training on ${m.used.length} file(s), ${m.trainFrames} steps (${m.validFrames} held out for validation), backend ${m.backend}.${skipped}`;
      return;
    }
    case 'batch':
      say(`Epoch ${m.epoch + 1}, batch ${m.batch + 1}/${m.batches}: loss ${m.loss.toFixed(3)} nats per step`);
      return;
    case 'epoch':
      curve.innerHTML = m.curveSvg;
      curve.dataset.epochs = String(m.epoch + 1);
      return;
    case 'trained':
      training = false;
      haveModel = true;
      say(
        `Trained ${m.epochs} epoch(s) in ${m.seconds.toFixed(0)} s (${m.stoppedBy === 'user' ? 'stopped by you' : `ended by ${m.stoppedBy}`}); ` +
          `best validation loss ${m.bestValidLoss === null ? 'n/a' : m.bestValidLoss.toFixed(3)} nats per step. Sample from it.`,
      );
      break;
    case 'sampled':
      showSample(m.steps, m.stepsPerQuarter);
      break;
    case 'saved':
      say(`Saved "${m.name}" in this browser (IndexedDB, ${(m.bytes / 1024).toFixed(0)} KB of weights).`);
      break;
    case 'loaded':
      haveModel ||= m.found;
      say(m.found ? `Loaded "${m.name}" from this browser: ${m.description}.` : `No saved model "${m.name}" in this browser yet.`, !m.found);
      break;
    case 'error':
      training = false;
      say(`Error: ${m.message}`, true);
      break;
  }
  refresh();
}

worker.onmessage = (event: MessageEvent<FromWorker>) => onMessage(event.data);
worker.onerror = (event) => onMessage({ type: 'error', message: event.message || 'the training worker failed to start' });
const drop = $<HTMLLabelElement>('drop');
const input = $<HTMLInputElement>('midi-files');
input.addEventListener('change', () => void addFiles(input.files));
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  void addFiles(e.dataTransfer?.files ?? null);
});
buttons.train.addEventListener('click', startTraining);
buttons.stop.addEventListener('click', () => send({ type: 'stop' }));
buttons.sample.addEventListener('click', () => {
  player.stop();
  const s = parseSettings({ steps: value('steps'), temperature: value('temperature'), seed: value('seed') });
  send({ type: 'sample', ...s });
});
buttons.play.addEventListener('click', () => {
  if (current) void player.toggle(scheduleNotes(current.steps, current.stepsPerQuarter, bpm()));
});
buttons.save.addEventListener('click', () => send({ type: 'save', name: MODEL_NAME }));
buttons.load.addEventListener('click', () => send({ type: 'load', name: MODEL_NAME, backend: parseTrainSettings({ backend: value('backend') }).backend }));
refresh();
