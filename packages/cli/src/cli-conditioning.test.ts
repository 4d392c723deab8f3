import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCaptured as run } from './__fixtures__/run-captured';
import { datasetConditioning } from './conditioning';

const repoRoot = resolve(__dirname, '../../..');
const dataDir = process.env.RNN_NADE_DATA_DIR ? resolve(repoRoot, process.env.RNN_NADE_DATA_DIR) : resolve(repoRoot, '../shared/data');
const piano = join(dataDir, 'classical-piano-midi');
const dir = mkdtempSync(join(tmpdir(), 'rnn-nade-cli-cond-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A MIDI folder with two composers (their top-level folders are the label classes). */
function composerFolder(): string {
  const root = join(dir, 'composers');
  for (const [composer, files] of [
    ['bach', ['bach_846.mid', 'bach_847.mid', 'bach_850.mid']],
    ['mozart', ['mz_545_1.mid', 'mz_311_1.mid', 'mz_330_1.mid']],
  ] as const) {
    mkdirSync(join(root, composer), { recursive: true });
    for (const f of files) copyFileSync(join(piano, composer, f), join(root, composer, f));
  }
  return root;
}

describe('rnn-nade with conditioning inputs', () => {
  const corpus = composerFolder();
  const model = join(dir, 'model');

  it('train --conditioning metric,label:composer saves the spec; eval, sample --label and complete use it', async () => {
    const trained = await run(
      'train',
      '--dataset',
      corpus,
      '--estimator',
      'bernoulli',
      '--conditioning',
      'metric,label:composer',
      '--hidden',
      '6',
      '--epochs',
      '1',
      '--chunk-steps',
      '64',
      '--workers',
      '1',
      '--quiet',
      '--out',
      model,
    );
    expect(trained.err).toBe('');
    expect(trained.code).toBe(0);
    const json = JSON.parse(readFileSync(join(model, 'model.json'), 'utf8'));
    expect(json.model.conditioning).toEqual({
      features: [
        { kind: 'metric', stepsPerBeat: 4, beatsPerBar: 4 },
        { kind: 'label', name: 'composer', classes: ['bach', 'mozart'] },
      ],
    });
    expect(json.model.encoder.conditioningChannels).toBe(10);

    const evaluated = await run('eval', '--model', model, '--dataset', corpus, '--split', 'train', '--samples', '0', '--json');
    expect(evaluated.code).toBe(0);
    const ll = JSON.parse(evaluated.out).logLikelihoodPerStep;
    // better than uniform guessing over 88 keys (88 ln 0.5 = -61.0)
    expect(ll).toBeGreaterThan(-61);

    const out = join(dir, 'sample.json');
    const sampled = await run('sample', '--model', model, '--steps', '12', '--label', 'composer=mozart', '--start-step', '3', '--out', out);
    expect(sampled.err).toBe('');
    expect(sampled.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).steps).toHaveLength(12);

    const cont = join(dir, 'cont.json');
    const completed = await run(
      'complete',
      '--model',
      model,
      '--primer',
      join(piano, 'mozart/mz_545_1.mid'),
      '--bars',
      '1',
      '--steps',
      '8',
      '--label',
      'composer=bach',
      '--out',
      cont,
    );
    expect(completed.err).toBe('');
    expect(completed.code).toBe(0);
    expect(JSON.parse(readFileSync(cont, 'utf8')).steps).toHaveLength(8);
  }, 120_000);

  it('fails clearly on unknown or missing labels, labels for an unconditioned model, and labels without class folders', async () => {
    const unknown = await run('sample', '--model', model, '--steps', '4', '--label', 'composer=haydn', '--out', join(dir, 'x.json'));
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no class "haydn"; its classes are "bach", "mozart"/);
    const missing = await run('sample', '--model', model, '--steps', '4', '--out', join(dir, 'x.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/label "composer" needs a value/);
    const wrongName = await run('sample', '--model', model, '--steps', '4', '--label', 'style=x', '--out', join(dir, 'x.json'));
    expect(wrongName.code).toBe(2);
    expect(wrongName.err).toMatch(/no such label \(its labels: composer\)/);
    const badSyntax = await run('sample', '--model', model, '--steps', '4', '--label', 'composer', '--out', join(dir, 'x.json'));
    expect(badSyntax.code).toBe(2);
    const plain = join(repoRoot, 'models/jsb-rnn-nade');
    const unconditioned = await run('sample', '--model', plain, '--steps', '4', '--label', 'composer=bach', '--out', join(dir, 'y.json'));
    expect(unconditioned.code).toBe(2);
    expect(unconditioned.err).toMatch(/conditioned models only/);
    const jsbLabel = await run('train', '--dataset', 'jsb', '--estimator', 'bernoulli', '--conditioning', 'metric,label:composer', '--out', join(dir, 'z'));
    expect(jsbLabel.code).toBe(2);
    expect(jsbLabel.err).toMatch(/labels need a MIDI-folder dataset/);
    const badItem = await run('train', '--dataset', 'jsb', '--estimator', 'bernoulli', '--conditioning', 'tempo', '--out', join(dir, 'z'));
    expect(badItem.code).toBe(2);
    expect(badItem.err).toMatch(/unknown item "tempo"/);
  }, 60_000);

  it('train --conditioning metric:3/4 on a JSON corpus (no meter in the file) and eval it', async () => {
    const jsbModel = join(dir, 'jsb');
    const args = ['--dataset', 'jsb', '--data-dir', dataDir, '--max-sequences', '3'];
    const trained = await run(
      'train',
      ...args,
      '--estimator',
      'bernoulli',
      '--conditioning',
      'metric:3/4',
      '--hidden',
      '6',
      '--epochs',
      '1',
      '--workers',
      '1',
      '--quiet',
      '--out',
      jsbModel,
    );
    expect(trained.code).toBe(0);
    const json = JSON.parse(readFileSync(join(jsbModel, 'model.json'), 'utf8'));
    expect(json.model.conditioning).toEqual({ features: [{ kind: 'metric', stepsPerBeat: 1, beatsPerBar: 3 }] });
    // the JSON file has no meter: its rows follow the feature's own 3/4 bar
    expect(datasetConditioning(json.model.conditioning, 'jsb').timeSignature).toEqual({ numerator: 3, denominator: 4 });
    const evaluated = await run('eval', '--model', jsbModel, ...args, '--samples', '0', '--json');
    expect(evaluated.code).toBe(0);
    expect(JSON.parse(evaluated.out).frames).toBeGreaterThan(0);
  }, 60_000);

  it('train --conditioning metric:4/4,lookback:4+8:repeats on a JSON corpus; eval and sample derive the lookback rows', async () => {
    const lookModel = join(dir, 'jsb-lookback');
    const args = ['--dataset', 'jsb', '--data-dir', dataDir, '--max-sequences', '3'];
    const flags = ['--estimator', 'bernoulli', '--conditioning', 'metric:4/4,lookback:4+8:repeats', '--hidden', '6', '--epochs', '1'];
    const trained = await run('train', ...args, ...flags, '--workers', '1', '--quiet', '--out', lookModel);
    expect(trained.code, trained.err).toBe(0);
    const json = JSON.parse(readFileSync(join(lookModel, 'model.json'), 'utf8'));
    expect(json.model.conditioning.features[1]).toEqual({ kind: 'lookback', lags: [4, 8], repeats: true, dim: 88 });
    // jsb's grid is one step per quarter: metric 1 + 4, then lookback 2 * 88 frames + 2 repeat bits
    expect(json.model.conditioning.features[0]).toEqual({ kind: 'metric', stepsPerBeat: 1, beatsPerBar: 4 });
    expect(json.model.encoder.conditioningChannels).toBe(5 + 2 * 88 + 2);
    const evaluated = await run('eval', '--model', lookModel, ...args, '--samples', '0', '--json');
    expect(evaluated.code, evaluated.err).toBe(0);
    expect(Number.isFinite(JSON.parse(evaluated.out).logLikelihoodPerStep)).toBe(true);
    const sampled = await run('sample', '--model', lookModel, '--steps', '12', '--out', join(dir, 'look.json'));
    expect(sampled.code, sampled.err).toBe(0);
    const bad = await run('train', ...args, '--estimator', 'bernoulli', '--conditioning', 'lookback:0', '--out', join(dir, 'z'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/lookback:0: lags must be distinct integers >= 1/);
  }, 60_000);
});
