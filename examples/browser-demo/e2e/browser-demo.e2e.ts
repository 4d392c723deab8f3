/**
 * End-to-end test of the browser demo in a real headless Chromium (Debian's `/usr/bin/chromium`,
 * driven by playwright-core; no browser download). Serves the built site (`dist/`, from
 * `npm run build:site`) on 127.0.0.1, clicks Generate, and checks that a piano roll with notes
 * appears and that the MIDI download is a valid file whose notes are the ones drawn — and the same
 * as Node generates from the same model with the same seed. Saves a screenshot in `e2e-output/`.
 */
import { Midi } from '@tonejs/midi';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, initBackend } from '@rnn-nade/core';
import '@rnn-nade/estimator-nade';
import { dataSpec, generateChorale } from '../src/chorale';

const exampleDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(exampleDir, 'dist');
const outDir = join(exampleDir, 'e2e-output');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
};

let server: Server;
let origin: string;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** A static file server for dist/ on 127.0.0.1 (GET only, no path escapes). */
function serve(root: string): Server {
  return createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname));
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
}

beforeAll(async () => {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing: run "npm run build:site -w examples/browser-demo" first`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  server = serve(dist);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await mkdir(outDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
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
      for (const p of pitches) if (!chorale.steps[t - 1]?.includes(p)) {
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
