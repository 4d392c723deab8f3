import type { JsonValue } from '@rnn-nade/core/node';
import { groupRepeats, warmStartChain, type InitFromInfo } from './init-from-info';

/** What a model card states: the model's metadata plus metrics measured on the test split. */
export interface ModelCardInput {
  /** Directory name under models/, e.g. `jsb-rnn-nade`. */
  readonly name: string;
  /** model.json's `model.encoder` and `estimator` blocks and `metadata`. */
  readonly encoder: Record<string, JsonValue>;
  readonly estimator: { className: string; config: Record<string, JsonValue> };
  readonly metadata: Record<string, JsonValue>;
  readonly test: { logLikelihoodPerStep: number; accuracy: number | null; frames: number; sequences: number; samples: number };
  readonly evalBackend: string;
  /** Size of the weights file(s) in bytes. */
  readonly weightBytes: number;
}

const obj = (v: JsonValue | undefined): Record<string, JsonValue> => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const show = (v: JsonValue | undefined) => (v === undefined || v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The card's paragraphs on the runs whose weights a warm-started model started from ('' when none). */
function warmStartSection(chain: readonly InitFromInfo[]): string {
  const valid = (r: InitFromInfo) => (typeof r.bestValidLossPerStep === 'number' ? r.bestValidLossPerStep.toFixed(4) : '—');
  const end = (r: InitFromInfo) => (r.stoppedEarly === true ? 'stopped by early stopping' : 'not stopped by early stopping');
  return groupRepeats(chain, (r) => r.command)
    .map((runs) => {
      const r = runs[0]!;
      const facts =
        runs.length === 1
          ? `${show(r.epochsCompleted)} epochs, best validation NLL per frame ${valid(r)}, ${show(r.seconds)} s, ${end(r)}), trained by:`
          : `${runs.length} runs in a row, each from the best weights of the one before: epochs ${runs.map((x) => show(x.epochsCompleted)).join(', ')}; best validation NLL per frame ${runs.map(valid).join(' → ')}; ${runs.map((x) => show(x.seconds)).join(', ')} s; ${[...new Set(runs.map(end))].join(' / ')}), each trained by:`;
      return `Started from the weights of \`${show(r.model)}\` (${facts}

\`\`\`sh
${show(r.command)}
\`\`\`

`;
    })
    .join('');
}

/**
 * The model card (README.md) of a committed benchmark model: what it is, its config, data,
 * the command that trained it, its test metrics and the commands that reproduce them.
 */
export function modelCard(input: ModelCardInput): string {
  const training = obj(input.metadata.training);
  const chain = warmStartChain(input.metadata.training);
  const warm = chain.length > 0;
  const data = obj(input.metadata.data);
  const config = obj(training.config);
  const dataset = show(data.dataset);
  const kind = input.estimator.className.endsWith('>NADE')
    ? 'RNN-NADE'
    : input.estimator.className.endsWith('>Bernoulli')
      ? 'RNN-Bernoulli'
      : input.estimator.className;
  const t = input.test;
  const acc = t.accuracy === null ? '—' : `${(100 * t.accuracy).toFixed(2)} %`;
  const evalCmd = `npx rnn-nade eval --model models/${input.name} --dataset ${dataset} --split test --samples ${t.samples} --seed 0 --accuracy per-frame --json`;
  const rows = (o: Record<string, JsonValue>) =>
    Object.entries(o)
      .map(([k, v]) => `| ${k} | ${show(v)} |`)
      .join('\n');
  return `# ${input.name}: ${kind} on ${dataset}

A ${kind} sequence model (LSTM encoder → ${kind === 'RNN-NADE' ? 'NADE' : 'independent Bernoulli'} over ${show(data.dim)} piano keys)
trained on the \`${dataset}\` corpus (Boulanger-Lewandowski et al. 2012 splits) by the polyphonic-benchmarks example.
Load it with \`SequenceModel.load('models/${input.name}')\` after importing \`@rnn-nade/estimator-nade\` and
\`@rnn-nade/estimator-bernoulli\`, or use the CLI (\`rnn-nade sample --model models/${input.name} ...\`).

## Test metrics

| metric | value |
|---|---|
| log-likelihood per time step (nats, pooled over all ${t.frames.toLocaleString('en-US')} test frames of ${t.sequences} sequences, first frame scored) | **${t.logLikelihoodPerStep.toFixed(3)}** |
| expected frame accuracy, TP/(TP+FP+FN) per frame averaged over all test frames as ICML 2012 (${t.samples} sample(s) per step, seed 0) | ${acc} |
| evaluated on backend | ${input.evalBackend} |

Reproduce: \`${evalCmd}\` (or \`npm run results\`, which re-evaluates every committed model into \`docs/results.md\`).

## Training

${warmStartSection(chain)}${warm ? 'Then trained from those weights by:' : 'Trained by:'}

\`\`\`sh
${show(training.command)}
\`\`\`

| fact | value |
|---|---|
| backend | ${show(training.backend)} |
| seed | ${show(training.seed)} |
| epochs completed | ${show(training.epochsCompleted)}${warm ? ' (this run only)' : ''} |
| best epoch (0-based; its weights are kept) | ${show(training.bestEpoch)} |
| best validation NLL per frame | ${typeof training.bestValidLossPerStep === 'number' ? training.bestValidLossPerStep.toFixed(4) : '—'} |
| stopped early | ${show(training.stoppedEarly)} |
| wall time (s) | ${show(training.seconds)}${warm ? ' (this run only)' : ''} |
| finished | ${show(training.finishedAt)} |

Run config (\`examples/polyphonic-benchmarks/src/run-config.ts\`):

| setting | value |
|---|---|
${rows(config)}

Encoder (\`model.json\` → \`model.encoder\`):

| setting | value |
|---|---|
${rows(input.encoder)}

Estimator: \`${input.estimator.className}\` with config \`${JSON.stringify(input.estimator.config)}\`.

## Data

| field | value |
|---|---|
${rows(data)}

## Files

\`model.json\` (config, weight manifest with shapes, dtypes, byte offsets and the forward pass), the weights file
(${(input.weightBytes / 1024).toFixed(0)} KiB, float32 little-endian), \`loss-curve.svg\` (train/valid NLL per epoch) and
\`train-log.jsonl\` (the trainer's log).
`;
}
