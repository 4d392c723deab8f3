import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ModelFileError,
  SequenceModel,
  UnknownEstimatorError,
  decodeModelArtifacts,
  initBackend,
  loadModelFromUrl,
  registerEstimator,
  type FetchLike,
} from '@rnn-nade/core';
import { sealModelDocument } from '@rnn-nade/core/advanced';
import { randomSequences, smallModel } from './__fixtures__/helpers';
import { LogisticEstimator } from './__fixtures__/logistic-estimator';

const D = 5;
let dir: string;
let server: Server;
let base: string;

/** Serves `dir` read-only on 127.0.0.1 (what a static web server does for the browser demo). */
beforeAll(async () => {
  await initBackend({ log: null });
  registerEstimator({ className: '@rnn-nade/core-test>Logistic', fromConfig: (c) => new LogisticEstimator(c as { dim: number; withBias: boolean }) });
  dir = await mkdtemp(join(tmpdir(), 'rnn-nade-url-'));
  const model = smallModel({ inputDim: D, hidden: 4, attentionWindow: 2 });
  await model.save(join(dir, 'm'), { metadata: { note: 'served' } });
  model.dispose();
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    readFile(join(dir, path)).then(
      (body) => res.writeHead(200).end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
});

afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  await rm(dir, { recursive: true, force: true });
});

/** A fetch over a map of URL -> bytes (for corrupt variants). */
function fakeFetch(files: Record<string, Uint8Array | string>): FetchLike {
  return async (url) => {
    const body = files[url];
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    return {
      ok: bytes !== undefined,
      status: bytes ? 200 : 404,
      text: async () => new TextDecoder().decode(bytes),
      arrayBuffer: async () => (bytes ? bytes.slice().buffer : new ArrayBuffer(0)),
    };
  };
}

async function servedFiles(): Promise<{ json: string; weightsName: string; weights: Uint8Array }> {
  const json = await readFile(join(dir, 'm', 'model.json'), 'utf8');
  const weightsName = (await readdir(join(dir, 'm'))).find((f) => f.endsWith('.bin'))!;
  return { json, weightsName, weights: new Uint8Array(await readFile(join(dir, 'm', weightsName))) };
}

describe('loadModelFromUrl', () => {
  it('over real HTTP gives the same model as SequenceModel.load: equal log-likelihoods and samples, no leak', async () => {
    const before = tf.memory().numTensors;
    const { model: fromDisk } = await SequenceModel.load(join(dir, 'm'));
    for (const url of [`${base}m`, `${base}m/`, `${base}m/model.json`]) {
      const { model, metadata } = await loadModelFromUrl(url);
      expect(metadata).toEqual({ note: 'served' });
      const seqs = randomSequences(3, [7, 4], D);
      expect((await model.evaluate(seqs)).logLikelihoodPerStep).toBe((await fromDisk.evaluate(seqs)).logLikelihoodPerStep);
      const [a, b] = [await model.sample({ steps: 6, seed: 9 }), await fromDisk.sample({ steps: 6, seed: 9 })];
      expect(Array.from(a.data)).toEqual(Array.from(b.data));
      model.dispose();
    }
    const { model: relative } = await loadModelFromUrl('m/', { base });
    relative.dispose();
    fromDisk.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fails with typed errors: 404, missing weights, truncated or altered weights, bad JSON, unknown estimator', async () => {
    const { json, weightsName, weights } = await servedFiles();
    const u = 'https://example.test/m/';
    const load = (files: Record<string, Uint8Array | string>) => loadModelFromUrl(u, { fetch: fakeFetch(files) }).catch((e: unknown) => e);
    const reason = async (files: Record<string, Uint8Array | string>) => ((await load(files)) as ModelFileError).reason;
    expect(await load({})).toBeInstanceOf(ModelFileError);
    expect(await reason({})).toBe('NOT_FOUND');
    expect(await reason({ [`${u}model.json`]: json })).toBe('MISSING_WEIGHTS');
    expect(await reason({ [`${u}model.json`]: json, [`${u}${weightsName}`]: weights.subarray(0, weights.length - 4) })).toBe('TRUNCATED_WEIGHTS');
    const flipped = weights.slice();
    flipped[3] = flipped[3]! ^ 1;
    expect(await reason({ [`${u}model.json`]: json, [`${u}${weightsName}`]: flipped })).toBe('TRUNCATED_WEIGHTS');
    expect(await reason({ [`${u}model.json`]: json.slice(0, 40), [`${u}${weightsName}`]: weights })).toBe('MALFORMED_JSON');
    const other = JSON.parse(json);
    other.estimator.className = '@acme/estimator-rbm>RBM';
    expect(await reason({ [`${u}model.json`]: JSON.stringify(other), [`${u}${weightsName}`]: weights })).toBe('CHECKSUM_MISMATCH');
    const resealed = JSON.stringify(await sealModelDocument(other));
    expect(await load({ [`${u}model.json`]: resealed, [`${u}${weightsName}`]: weights })).toBeInstanceOf(UnknownEstimatorError);
    expect(await loadModelFromUrl('relative/', { fetch: fakeFetch({}) }).catch((e: unknown) => (e as ModelFileError).reason)).toBe('NOT_FOUND');
  });

  it('decodeModelArtifacts decodes the two files exactly as readModelDir does', async () => {
    const { json, weights } = await servedFiles();
    const contents = await decodeModelArtifacts(json, weights.slice().buffer as ArrayBuffer);
    const { model } = SequenceModel.fromContents(contents);
    const { model: fromDisk } = await SequenceModel.load(join(dir, 'm'));
    const [a, b] = [model.getWeights(), fromDisk.getWeights()];
    for (const name of Object.keys(b)) expect(Array.from(a[name]!.data)).toEqual(Array.from(b[name]!.data));
    model.dispose();
    fromDisk.dispose();
  });
});
