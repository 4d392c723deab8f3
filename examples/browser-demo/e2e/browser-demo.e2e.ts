/**
 * End-to-end test of the browser demo in a real headless Chromium (Debian's `/usr/bin/chromium`,
 * driven by playwright-core; no browser download). Serves the built site (`dist/`, from
 * `npm run build:site`) on 127.0.0.1, clicks Generate, and checks that a piano roll with notes
 * appears and that the MIDI download is a valid file whose notes are the ones drawn — and the same
 * as Node generates from the same model with the same seed. Saves a screenshot in `e2e-output/`.
 */
import { Midi } from '@tonejs/midi';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, initBackend } from '@rnn-nade/core/node';
import '@rnn-nade/estimator-nade';
import { dataSpec, generateChorale } from '../src/chorale';
import { dist, outDir, startHarness, type Harness } from './harness';

let harness: Harness;
let page: Page;
let origin: string;
let problems: string[];

beforeAll(async () => {
  harness = await startHarness();
  ({ page, origin, problems } = harness);
});

afterAll(async () => {
  await harness?.close();
});

describe('browser demo in headless Chromium', () => {
  it('loads the model, generates a chorale, draws it and offers a valid MIDI file equal to Node’s sample', async () => {
    await page.goto(`${origin}/`);
    await page.locator('[data-testid=generate]:enabled').waitFor({ timeout: 90_000 });
    expect(await page.locator('[data-testid=model-info]').textContent()).toMatch(/NADE; backend wasm/);

    await page.fill('[data-testid=steps]', '48');
    await page.fill('[data-testid=temperature]', '0.9');
    await page.fill('[data-testid=seed]', '7');
    await page.click('[data-testid=generate]');
    await page.waitForFunction(() => Number(document.getElementById('roll')?.dataset.notes ?? 0) > 0, null, { timeout: 90_000 });

    const roll = page.locator('[data-testid=roll]');
    const notes = Number(await roll.getAttribute('data-notes'));
    expect(await roll.getAttribute('data-steps')).toBe('48');
    expect(await roll.locator('svg g.roll rect').count()).toBe(notes);
    await page.screenshot({ path: join(outDir, 'browser-demo.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download]')]);
    expect(download.suggestedFilename()).toBe('chorale-seed7.mid');
    const bytes = await readFile((await download.path())!);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('MThd');
    const midi = new Midi(bytes);
    const midiNotes = midi.tracks.flatMap((t) => t.notes);
    expect(midiNotes.length).toBe(notes);

    // Node, same model files, same settings: the same chorale, note for note.
    await initBackend({ backend: 'wasm', log: null });
    const { model, metadata } = await SequenceModel.load(join(dist, 'model'));
    const chorale = await generateChorale(model, { steps: 48, temperature: 0.9, seed: 7 }, dataSpec(metadata));
    model.dispose();
    expect(chorale.notes).toBe(notes);
    const ppq = midi.header.ppq;
    const fromMidi = midiNotes.map((n) => `${n.midi}@${Math.round(n.ticks / ppq)}+${Math.round(n.durationTicks / ppq)}`).sort();
    const fromNode: string[] = [];
    chorale.steps.forEach((pitches, t) => {
      for (const p of pitches)
        if (!chorale.steps[t - 1]?.includes(p)) {
          let end = t + 1;
          while (chorale.steps[end]?.includes(p)) end++;
          fromNode.push(`${p}@${t}+${end - t}`);
        }
    });
    expect(fromMidi).toEqual(fromNode.sort());

    // Playing must start without errors (headless Chromium has a Web Audio implementation).
    await page.click('[data-testid=play]');
    await page.waitForFunction(() => document.getElementById('play')?.textContent === 'Stop', null, { timeout: 10_000 });
    await page.click('[data-testid=play]');
    expect((await page.locator('[data-testid=status]').getAttribute('class')) ?? '').not.toContain('error');
    expect(problems).toEqual([]);
  });
});
