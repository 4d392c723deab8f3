/**
 * End-to-end test of the "train in your browser" page in headless Chromium: drop two real MIDI
 * files (and one that is not MIDI), train a small RNN-NADE for 2 epochs in the Web Worker with a
 * live loss curve, sample, download the MIDI, save the model to IndexedDB, reload the page, load
 * it back and sample the same notes; then start a long run and stop it with the Stop button.
 * Needs the MIDI fixtures in `$RNN_NADE_DATA_DIR/midi-fixtures`.
 */
import { Midi } from '@tonejs/midi';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outDir, startHarness, type Harness } from './harness';

const dataDir = process.env.RNN_NADE_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
const fixtures = join(dataDir, 'midi-fixtures/bach');

let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
});

afterAll(async () => {
  await harness?.close();
});

const status = () => page.locator('[data-testid=status]').textContent();
const waitForStatus = (pattern: RegExp, timeout = 120_000) =>
  page.waitForFunction((source) => new RegExp(source).test(document.getElementById('status')?.textContent ?? ''), pattern.source, { timeout });

async function sampleNotes(): Promise<string[]> {
  await page.fill('[data-testid=steps]', '32');
  await page.fill('[data-testid=seed]', '5');
  await page.evaluate(() => (document.getElementById('roll')!.dataset.notes = '-1'));
  await page.click('[data-testid=sample]');
  await page.waitForFunction(() => document.getElementById('roll')?.dataset.notes !== '-1', null, { timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download]')]);
  expect(download.suggestedFilename()).toBe('sample-seed5.mid');
  const bytes = await readFile((await download.path())!);
  expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('MThd');
  const notes = new Midi(bytes).tracks.flatMap((t) => t.notes.map((n) => `${n.midi}@${n.ticks}+${n.durationTicks}`));
  expect(notes.length).toBe(Number(await page.locator('[data-testid=roll]').getAttribute('data-notes')));
  return notes.sort();
}

describe('train in the browser (headless Chromium)', () => {
  it('trains on dropped MIDI files in a worker, samples, downloads, saves to IndexedDB and loads it back', async () => {
    await page.goto(`${harness.origin}/train.html`);
    await page.setInputFiles('[data-testid=midi-files]', [join(fixtures, 'bach_846.mid'), join(fixtures, 'bach_format0.mid'), join(fixtures, 'LICENSE')]);
    await page.locator('[data-testid=train]:enabled').waitFor();
    await page.fill('[data-testid=epochs]', '2');
    await page.fill('[data-testid=hidden]', '32');
    await page.fill('[data-testid=nade-hidden]', '32');
    await page.selectOption('[data-testid=backend]', 'wasm');
    await page.click('[data-testid=train]');
    await waitForStatus(/^Trained 2 epoch/);
    expect(await status()).toMatch(/ended by epoch limit\); best validation loss \d+\.\d+ nats per step/);
    expect(await page.locator('[data-testid=curve]').getAttribute('data-epochs')).toBe('2');
    expect(await page.locator('[data-testid=curve] svg').count()).toBe(1);

    const first = await sampleNotes();
    expect(first.length).toBeGreaterThan(0);
    await page.screenshot({ path: join(outDir, 'train-page.png'), fullPage: true });

    await page.click('[data-testid=save]');
    await waitForStatus(/^Saved "my-model" in this browser \(IndexedDB, \d+ KB/);
    await page.reload();
    await page.click('[data-testid=load]');
    await waitForStatus(/^Loaded "my-model" from this browser: LSTM 32/);
    expect(await sampleNotes()).toEqual(first);
    expect(harness.problems).toEqual([]);
  });

  it('reports files it cannot use, and the Stop button ends a long run after the current batch', async () => {
    await page.goto(`${harness.origin}/train.html`);
    await page.setInputFiles('[data-testid=midi-files]', [join(fixtures, 'bach_format0.mid'), join(fixtures, 'LICENSE')]);
    await page.fill('[data-testid=epochs]', '400');
    await page.fill('[data-testid=hidden]', '16');
    await page.fill('[data-testid=nade-hidden]', '16');
    await page.click('[data-testid=train]');
    await page.waitForFunction(() => /Skipped 1: LICENSE \(/.test(document.getElementById('data-summary')?.textContent ?? ''), null, { timeout: 60_000 });
    await page.waitForFunction(() => Number(document.getElementById('curve')?.dataset.epochs) >= 1, null, { timeout: 120_000 });
    await page.click('[data-testid=stop]');
    await waitForStatus(/stopped by you/, 60_000);
    const epochs = Number(/^Trained (\d+) epoch/.exec((await status()) ?? '')?.[1]);
    expect(epochs).toBeGreaterThanOrEqual(1);
    expect(epochs).toBeLessThan(400);
    expect(await page.locator('[data-testid=sample]').isEnabled()).toBe(true);
    expect(harness.problems).toEqual([]);
  });
});
