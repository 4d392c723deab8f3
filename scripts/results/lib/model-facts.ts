/** Reading the training facts a committed model stores in its metadata (pure; tested). */
import { describeSchedule, scheduleFromFlags, type ScheduleFlagName } from '@rnn-nade/core';
import { warmStartChain } from '../../../examples/polyphonic-benchmarks/src/init-from-info';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** What the page shows about how a model was trained. */
export interface ModelFacts {
  readonly dataset: string | null;
  readonly command: string | null;
  readonly backend: string | null;
  readonly seed: number | null;
  readonly epochsCompleted: number | null;
  readonly bestEpoch: number | null;
  readonly seconds: number | null;
  /** Why training ended: `early stopping`, `time budget (N min)`, `epoch limit` (saying when it had not converged: the best epoch among the last 3, or fewer epochs since the best than the early-stopping patience), or null when unknown. */
  readonly stoppedBy: string | null;
  /** The runs whose weights this model started from (`--init-from`), earliest first; empty for a model trained from scratch. */
  readonly warmStarts: readonly WarmStartFacts[];
  /** One-line config summary, e.g. `LSTM 200×1, NADE 150, dropout 0.2, ±6 transpose, Adam 2e-3×0.97/epoch, batch 8`. */
  readonly configSummary: string;
}

/** A run a warm-started model started from: its command, epochs and wall time. */
export interface WarmStartFacts {
  readonly command: string | null;
  readonly epochsCompleted: number | null;
  readonly seconds: number | null;
}

const obj = (v: Json | undefined): Record<string, Json> => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const num = (v: Json | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: Json | undefined): string | null => (typeof v === 'string' ? v : null);

/** A plateau / cosine schedule of a benchmark run config in words (its flags as the run parsed them). */
function scheduleSummary(schedule: string, cfg: Record<string, Json>): string {
  try {
    const flags = {
      schedule: schedule as ScheduleFlagName,
      patience: num(cfg.lrPatience) ?? undefined,
      factor: num(cfg.lrFactor) ?? undefined,
      cooldown: num(cfg.lrCooldown) ?? undefined,
      restartEpochs: num(cfg.restartEpochs) ?? undefined,
      restartMultiplier: num(cfg.restartMultiplier) ?? undefined,
      minLearningRate: num(cfg.minLr) ?? undefined,
    };
    return describeSchedule(scheduleFromFlags(flags));
  } catch {
    return `schedule ${schedule}`;
  }
}

/**
 * Extracts {@link ModelFacts} from a model's `metadata` (as written by the benchmark's
 * `train.ts` or by `rnn-nade train`) and its encoder (`model.encoder`) and `estimator` config from model.json.
 */
export function modelFacts(modelJson: { metadata?: Json; model?: Json; estimator?: Json }): ModelFacts {
  const meta = obj(modelJson.metadata);
  const training = obj(meta.training);
  const data = obj(meta.data);
  const cfg = obj(training.config);
  const encoder = obj(obj(modelJson.model).encoder);
  const estimator = obj(modelJson.estimator);
  const estConfig = obj(estimator.config);
  const className = (str(estimator.className) ?? '').split('>').pop()!; // e.g. NADE, Bernoulli
  const parts: string[] = [];
  const hidden = num(encoder.hidden) ?? num(cfg.hidden);
  const layers = num(encoder.layers) ?? num(cfg.layers) ?? 1;
  const cell = str(encoder.cell) === 'rnn' ? 'RNN' : 'LSTM'; // files without "cell" are LSTMs
  if (hidden !== null) parts.push(`${cell} ${hidden}×${layers}`);
  const window = num(encoder.attentionWindow) ?? num(cfg.attentionWindow) ?? 0;
  if (window > 0) parts.push(`attention ${window}`);
  const projection = num(encoder.projectionHidden) ?? num(cfg.projectionHidden) ?? 0;
  if (projection > 0) parts.push(`ReLU projection ${projection}`);
  if (/^NADE$/i.test(className)) parts.push(`NADE ${num(estConfig.hidden) ?? '?'}`);
  else if (/^Bernoulli$/i.test(className)) parts.push('Bernoulli');
  else if (className) parts.push(className);
  else if (str(cfg.estimator) === 'nade') parts.push(`NADE ${num(cfg.nadeHidden) ?? '?'}`);
  const dropout = num(encoder.dropout) ?? num(cfg.dropout) ?? 0;
  if (dropout > 0) parts.push(`dropout ${dropout}`);
  const transpose = num(cfg.transpose) ?? 0;
  if (transpose > 0) parts.push(`±${transpose} transposition`);
  if (num(cfg.transposeKeys) === 1) parts.push('12-key transposition');
  const lr = num(cfg.lr);
  const decay = num(cfg.lrDecay);
  const schedule = str(cfg.lrSchedule) ?? 'exp';
  const weightDecay = num(cfg.weightDecay) ?? 0;
  const adam = weightDecay > 0 ? `AdamW (weight decay ${weightDecay})` : 'Adam';
  if (lr !== null && schedule === 'exp') parts.push(`${adam} ${lr}${decay !== null && decay !== 1 ? `×${decay}/epoch` : ''}`);
  else if (lr !== null) parts.push(`${adam} ${lr}, ${scheduleSummary(schedule, cfg)}`);
  const batch = num(cfg.batchSize);
  if (batch !== null) parts.push(`batch ${batch}`);
  const chunk = num(cfg.chunkSteps) ?? 0;
  if (chunk > 0) parts.push(`BPTT ${chunk}`);
  const epochs = num(training.epochsCompleted);
  const maxMinutes = num(cfg.maxMinutes) ?? 0;
  const maxEpochs = num(cfg.epochs);
  let stoppedBy: string | null = null;
  if (training.stoppedEarly === true) stoppedBy = 'early stopping';
  else if (epochs !== null && maxEpochs !== null && epochs >= maxEpochs) {
    // a best epoch among the last 3 means the validation loss was still falling; fewer epochs since the
    // best than the early-stopping patience means the run's own convergence test had not fired: not converged
    const best = num(training.bestEpoch);
    const patience = num(cfg.patience);
    const since = best === null ? null : epochs - (best + 1);
    if (since !== null && since < 3) stoppedBy = 'epoch limit, validation still improving (not converged)';
    else if (since !== null && patience !== null && patience > 0 && since < patience)
      stoppedBy = `epoch limit, ${since} epochs after the best, before the patience of ${patience} ran out (not converged)`;
    else stoppedBy = 'epoch limit';
  } else if (maxMinutes > 0 && epochs !== null) stoppedBy = `time budget (${maxMinutes} min)`;
  const warmStarts = warmStartChain(training).map(({ command, epochsCompleted, seconds }): WarmStartFacts => ({ command, epochsCompleted, seconds }));
  return {
    stoppedBy,
    warmStarts,
    dataset: str(data.dataset),
    command: str(training.command),
    backend: str(training.backend),
    seed: num(training.seed),
    epochsCompleted: num(training.epochsCompleted),
    bestEpoch: num(training.bestEpoch),
    seconds: num(training.seconds),
    configSummary: parts.join(', '),
  };
}

/**
 * Epochs run as the page shows them: `34 (best 28)`, counted from 1; for a warm-started model
 * the earlier runs' epochs first, `500 + 40 (best 12 of the last run)`. Null when unknown.
 */
export function epochsText(f: ModelFacts): string | null {
  if (f.epochsCompleted === null) return null;
  const best = f.bestEpoch === null ? '—' : String(f.bestEpoch + 1);
  if (f.warmStarts.length === 0) return `${f.epochsCompleted} (best ${best})`;
  const runs = [...f.warmStarts.map((w) => (w.epochsCompleted === null ? '?' : String(w.epochsCompleted))), String(f.epochsCompleted)];
  return `${runs.join(' + ')} (best ${best} of the last run)`;
}

/** Wall time of the model's whole training, the runs it was warm-started from included; null when a part is unknown. */
export function totalTrainingSeconds(f: ModelFacts): number | null {
  const parts = [...f.warmStarts.map((w) => w.seconds), f.seconds];
  return parts.some((s) => s === null) ? null : parts.reduce((a: number, s) => a + s!, 0);
}
