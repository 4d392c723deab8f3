/**
 * Results section of issue 15.3: style completion. The committed `models/style-completion` (and its
 * pre-trained-only twin in `pretrained/`) re-evaluated on all 21 held-out Mozart movements and on
 * the unseen half of piano-midi-de-extra: 4-bar primer, next 4 bars, mean frame accuracy with the
 * decoding stored in the model (chosen on validation pieces) and with plain sampling, beside
 * repeat-the-last-primer-bar, repeat-the-4-primer-bars and silence; the log-likelihood of the real
 * continuation beside the pre-trained-only model. Nothing is copied from logs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonValue } from '@rnn-nade/core/node';
import { decodingLabel } from '../../../examples/style-completion/src/completion';
import { evaluateStyle } from '../../../examples/style-completion/src/evaluate-style';
import { loadStyleData } from '../../../examples/style-completion/src/piano-data';
import { headlineRows, likelihoodRows, targetSentence, twoSetTable } from '../../../examples/style-completion/src/report';
import type { ResultsContext } from '../context';
import { code, formatDuration } from '../lib/markdown';

const STYLE = { train: 'npm run complete -w examples/style-completion', eval: 'npm run complete -w examples/style-completion -- --skip-train --keep-decoding' };

/**
 * One training stage in words, from its stored facts: epochs, best epoch and validation NLL, what
 * stopped it, and how far the validation loss moved over its last 20 checks (a stage stopped by
 * its epoch limit is converged only when that is small).
 */
function stageLine(name: string, facts: JsonValue | undefined): string {
  const f = (facts ?? {}) as {
    epochsCompleted?: number;
    bestEpoch?: number;
    bestValidLossPerStep?: number;
    stopReason?: string;
    validCurve?: [number, number][];
  };
  const curve = f.validCurve ?? [];
  const drift =
    curve.length > 20 ? `, validation NLL ${curve[curve.length - 21]![1].toFixed(4)} → ${curve[curve.length - 1]![1].toFixed(4)} over its last 20 checks` : '';
  const best = typeof f.bestValidLossPerStep === 'number' ? f.bestValidLossPerStep.toFixed(3) : 'n/a';
  return `${name} ${f.epochsCompleted ?? '?'} epochs (best epoch ${typeof f.bestEpoch === 'number' ? f.bestEpoch + 1 : '?'}, validation NLL ${best} nats per step), stopped by ${f.stopReason ?? 'its budget or epoch limit'}${drift}`;
}

/** Renders the style-completion section. */
export async function render(ctx: ResultsContext): Promise<string> {
  const head = '## Style completion: classical-era piano completes Mozart\n\n';
  const modelDir = join(ctx.modelsDir, 'style-completion');
  if (!existsSync(join(modelDir, 'model.json'))) return `${head}_models/style-completion is not committed yet; train it with ${code(STYLE.train)}._\n`;
  if (!ctx.dataDir) return `${head}_Needs classical-piano-midi, piano-midi-de-extra and asap-scores (set RNN_NADE_DATA_DIR)._\n`;
  ctx.log('  style: re-evaluating models/style-completion on the Mozart movements and the unseen piano pieces ...');
  const t0 = performance.now();
  const data = await loadStyleData({ dataDir: ctx.dataDir });
  const e = await evaluateStyle(modelDir, data, { mainSamples: 10, samples: 5 });
  const seconds = (performance.now() - t0) / 1000;
  const tr = (e.metadata.training ?? {}) as Record<string, JsonValue>;
  const counts = { mozart: e.mozart.chosen.rows.length, other: e.other.chosen.rows.length };
  return `${head}RNN-NADE (${e.architecture}; 88 keys, eighth notes) pre-trained on three piano
sources (classical-piano-midi, half of piano-midi-de-extra, asap-scores; ${data.counts.pretrainTrain} training pieces) with **every Mozart
piece held out**, then fine-tuned on the classical era (Haydn, Clementi, Beethoven). Trained in part on ASAP (CC BY-NC-SA 4.0):
the model is for non-commercial use. Each piece is primed with its first 4 bars; the model continues for 4 bars, 5 samples per
piece; frame accuracy TP / (TP + FP + FN) over the 4 bars, averaged over pieces. The decoding (**${decodingLabel(e.decoding)}**) was
chosen on ${data.valid.length} validation pieces, never on the test pieces; "adapted" = the model is first fitted to the primer
itself (dynamic evaluation) with \`completeSequence\` / \`rnn-nade complete --adapt-steps\`.

${twoSetTable('continuation (mean frame accuracy)', headlineRows(e), counts)}

Log-likelihood of the real continuation, nats per step (88 keys):

${twoSetTable('model', likelihoodRows(e), counts)}

${targetSentence(e)}

Training: ${stageLine('pre-training', tr.pretrain)}; ${stageLine('fine-tuning', tr.finetune)}.

Reproduce: ${code(STYLE.eval)} (no training; trained with ${code(String(tr.command ?? STYLE.train))} in
${formatDuration(typeof tr.seconds === 'number' ? tr.seconds : null)}). Evaluated on \`${ctx.backend}\` in ${formatDuration(seconds)}. Every piece's row,
the validation table of the decoding choice, MIDI and the seed paper's Figure 6 for K. 545/1: [figures/style-completion](figures/style-completion/README.md).

![Figure 6](figures/style-completion/figure6-mz_545_1.svg)

Complete any piano MIDI file (the model's stored decoding; \`--adapt-steps 0 --candidates 1\` for plain sampling):
${code('rnn-nade complete --model models/style-completion --primer ANY.mid --bars 4 --out out.mid')}.
`;
}
