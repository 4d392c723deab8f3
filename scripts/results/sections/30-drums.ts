/**
 * Results section of issue 8: drums (RNN-NADE on Groove MIDI vs the frame-independent baseline,
 * re-evaluated from the committed `models/groove-drums`). Style completion is `35-style-completion.ts`.
 * Nothing is copied from logs; every row prints the command that reproduces it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonValue } from '@rnn-nade/core/node';
import { evaluateDrums } from '../../../examples/drums/src/evaluate-drums';
import { loadGroove } from '../../../examples/drums/src/groove-data';
import type { ResultsContext } from '../context';
import { code, formatDuration, markdownTable } from '../lib/markdown';

const DRUMS = { train: 'npm run drums -w examples/drums', eval: 'npm run drums -w examples/drums -- --skip-train' };

async function drums(ctx: ResultsContext): Promise<string> {
  const head = '## Drums: RNN-NADE on Groove MIDI (9 drum classes, 16th notes)\n\n';
  const modelDir = join(ctx.modelsDir, 'groove-drums');
  if (!existsSync(join(modelDir, 'model.json'))) return `${head}_models/groove-drums is not committed yet; train it with ${code(DRUMS.train)}._\n`;
  if (!ctx.dataDir) return `${head}_Needs groove-midi (set RNN_NADE_DATA_DIR)._\n`;
  ctx.log('  drums: loading Groove MIDI and re-evaluating models/groove-drums ...');
  const t0 = performance.now();
  const groove = await loadGroove({ dataDir: ctx.dataDir });
  const e = await evaluateDrums(modelDir, groove, { samples: ctx.accuracySamples, seed: 1 });
  const seconds = (performance.now() - t0) / 1000;
  const tr = (e.metadata.training ?? {}) as Record<string, JsonValue>;
  const cfg = (tr.config ?? {}) as Record<string, JsonValue>;
  const table = markdownTable(
    ['model (Groove MIDI test split)', 'log-likelihood per step (nats)', `expected frame accuracy (${ctx.accuracySamples} sample/frame)`, 'reproduce'],
    [
      [`**RNN-NADE** (LSTM ${String(cfg.hidden)}, NADE H ${String(cfg.nadeHidden)})`, e.modelLogLikelihood, e.modelAccuracy, code(DRUMS.eval)],
      ['frame-independent per-class Bernoulli (fit on train)', e.baselineLogLikelihood, null, code(DRUMS.eval)],
      ['uniform, 9 ln 0.5', e.uniformLogLikelihood, null, '(exact)'],
    ],
    { digits: 3 },
  );
  const beats = e.modelLogLikelihood > e.baselineLogLikelihood;
  return `${head}Groove MIDI (Magenta; ${groove.train.length} / ${groove.valid.length} / ${groove.test.length} performances from its own \`info.csv\` split),
channel-10 hits reduced to 9 drum classes on a 16th-note grid; every test frame scored (${e.frames} frames in ${e.sequences}
performances), the first from the initial state. The RNN-NADE ${beats ? 'beats' : '**does not beat**'} the frame-independent baseline
by ${(e.modelLogLikelihood - e.baselineLogLikelihood).toFixed(3)} nats per step.

${table}

Evaluated on \`${ctx.backend}\` in ${formatDuration(seconds)}; the model trained for ${String(tr.epochsCompleted ?? '?')} epochs in
${formatDuration(typeof tr.seconds === 'number' ? tr.seconds : null)} with ${code(String(tr.command ?? DRUMS.train))}. Generated grooves (MIDI on channel 10 + pictures) and the
validation curve (seed paper Figure 7) are in [figures/drums](figures/drums/README.md).

![validation curve](figures/drums/validation-curve.svg)
`;
}

/** Renders the drums section. */
export async function render(ctx: ResultsContext): Promise<string> {
  return drums(ctx);
}
