import type { GrooveDecoding } from './groove-decode';
import type { GrooveEvaluation } from './groove-evaluation';
import type { GrooveStats } from './groove-metrics';

const f = (x: number | null | undefined, d = 3) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));

/** A decoding in words, e.g. `temperature 0.9, best of 8 by model likelihood`. */
export function describeDecoding(d: GrooveDecoding): string {
  return `temperature ${d.temperature}${d.bestOf > 1 ? `, best of ${d.bestOf} by model likelihood` : ''}`;
}

/** Relative gap of `x` to `ref` (|x − ref| / ref), null when `ref` is 0 or missing. */
export function relativeGap(x: number | null, ref: number | null): number | null {
  return x === null || ref === null || ref === 0 ? null : Math.abs(x - ref) / ref;
}

/** Issue 15's targets, checked on a {@link GrooveEvaluation}. */
export interface GrooveTargets {
  /** Unprimed autocorrelation at one bar >= 0.45. */
  readonly autocorrelation: boolean;
  /** Closed hi-hat rate within 25 % of the real test split. */
  readonly closedHihat: boolean;
  /** Kick-on-downbeat share within 25 % of the real test split. */
  readonly kickOnDownbeat: boolean;
  /** Primed frame accuracy >= repeat-last-bar. */
  readonly primed: boolean;
}

/** Checks the issue's targets (see {@link GrooveTargets}). */
export function grooveTargets(e: GrooveEvaluation): GrooveTargets {
  const within = (x: number | null, ref: number | null) => (relativeGap(x, ref) ?? Infinity) <= 0.25;
  return {
    autocorrelation: e.unprimed.barAutocorrelation >= 0.45,
    closedHihat: within(e.unprimed.closedHihatRate, e.real.closedHihatRate),
    kickOnDownbeat: within(e.unprimed.kickOnDownbeat, e.real.kickOnDownbeat),
    primed: e.primed.model >= e.primed.repeatLastBar,
  };
}

const yes = (ok: boolean) => (ok ? 'met' : '**missed**');

/**
 * The unprimed-sample table: real test windows beside the model's samples under each decoding
 * (first = the reported one, checked against the targets).
 */
export function unprimedTable(evals: readonly GrooveEvaluation[]): string {
  const [main] = evals;
  if (!main) return '';
  const t = grooveTargets(main);
  const cols = evals.map((e) => `model, ${describeDecoding(e.decoding)}`);
  const row = (name: string, get: (s: GrooveStats) => number | null, target: string) =>
    `| ${name} | ${f(get(main.real))} | ${evals.map((e) => f(get(e.unprimed))).join(' | ')} | ${target} |`;
  return [
    `| unprimed, ${main.unprimed.steps / main.unprimed.rolls} steps (label beat) | real test split (${main.real.rolls} windows) | ${cols.join(' | ')} | target (first model column) |`,
    `|---|---|${evals.map(() => '---|').join('')}---|`,
    row('autocorrelation at one bar', (s) => s.barAutocorrelation, `>= 0.45: ${yes(t.autocorrelation)}`),
    row('closed hi-hat hits per step', (s) => s.closedHihatRate, `within 25 % of real: ${yes(t.closedHihat)}`),
    row('share of kicks on the downbeat', (s) => s.kickOnDownbeat, `within 25 % of real: ${yes(t.kickOnDownbeat)}`),
    row('kick hits per step', (s) => s.kickRate, ''),
    row('hits per step (all drums)', (s) => s.hitsPerStep, ''),
  ].join('\n');
}

/** The primed-continuation table: the model under each decoding beside the baselines. */
export function primedTable(evals: readonly GrooveEvaluation[]): string {
  const [main] = evals;
  if (!main) return '';
  const p = main.primed;
  return [
    `| primed continuation (2 real bars, then 4 bars; ${p.cases} test windows) | frame accuracy |`,
    '|---|---|',
    ...evals.map(
      (e, i) =>
        `| ${i === 0 ? '**RNN-NADE**' : 'RNN-NADE'}, ${describeDecoding(e.primedDecoding)} | ${i === 0 ? `**${f(e.primed.model)}**` : f(e.primed.model)} |`,
    ),
    `| repeat the last primer bar | ${f(p.repeatLastBar)} |`,
    `| metric-position Bernoulli (per class and 16th, fitted on train), sampled | ${f(p.metricPosition)} |`,
    `| frame-independent Bernoulli (per class, fitted on train), sampled | ${f(p.frameIndependent)} |`,
    `| silence | ${f(p.silence)} |`,
    '',
    `Target: model >= repeat-last-bar: ${yes(grooveTargets(main).primed)} (${f(p.model)} vs ${f(p.repeatLastBar)}).`,
  ].join('\n');
}
