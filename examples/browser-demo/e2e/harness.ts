/**
 * Shared set-up of the browser e2e tests: a static server for the built site (`dist/`) on
 * 127.0.0.1 and Debian's headless Chromium driven by playwright-core (no browser download), with
 * every page error, console error, failed request and HTTP error collected in `problems`.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const exampleDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const dist = join(exampleDir, 'dist');
export const outDir = join(exampleDir, 'e2e-output');
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

/** A static file server for `root` on 127.0.0.1 (GET only, no path escapes). */
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

/** A running server + browser page; `close()` ends both. */
export interface Harness {
  readonly origin: string;
  readonly page: Page;
  readonly problems: string[];
  close(): Promise<void>;
}

/** Serves `dist/`, starts Chromium and opens one page that records problems. */
export async function startHarness(): Promise<Harness> {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing: run "npm run build:site -w examples/browser-demo" first`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const server = serve(dist);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await mkdir(outDir, { recursive: true });
  return {
    origin,
    page,
    problems,
    close: async () => {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}
