import type { TrainHistory } from '@rnn-nade/core';
import type { DroppedFile } from './training-set';

/** Which tfjs backend the training worker should use (`auto`: WebGPU, then hardware WebGL, then wasm). */
export type TrainBackendChoice = 'auto' | 'webgpu' | 'webgl' | 'wasm';

/** The settings of one in-browser training run. */
export interface TrainSettings {
  /** Maximum number of epochs (early stopping may end sooner). */
  readonly epochs: number;
  /** LSTM units. */
  readonly hidden: number;
  /** NADE hidden units. */
  readonly nadeHidden: number;
  /** Adam learning rate. */
  readonly learningRate: number;
  /** Grid resolution of the rolls. */
  readonly stepsPerQuarter: number;
  /** Seed of initialisation, shuffling and sampling. */
  readonly seed: number;
  /** Backend preference. */
  readonly backend: TrainBackendChoice;
}

/** Page -> worker. */
export type ToWorker =
  | { readonly type: 'train'; readonly files: DroppedFile[]; readonly settings: TrainSettings }
  | { readonly type: 'stop' }
  | { readonly type: 'sample'; readonly steps: number; readonly temperature: number; readonly seed: number }
  | { readonly type: 'save'; readonly name: string }
  | { readonly type: 'load'; readonly name: string; readonly backend: TrainBackendChoice };

/** Worker -> page. */
export type FromWorker =
  | {
      readonly type: 'data';
      readonly used: { name: string; steps: number }[];
      readonly skipped: { name: string; reason: string }[];
      readonly trainFrames: number;
      readonly validFrames: number;
      readonly backend: string;
    }
  | { readonly type: 'batch'; readonly epoch: number; readonly batch: number; readonly batches: number; readonly loss: number }
  | { readonly type: 'epoch'; readonly epoch: number; readonly history: TrainHistory; readonly curveSvg: string }
  | {
      readonly type: 'trained';
      readonly epochs: number;
      readonly bestValidLoss: number | null;
      readonly stoppedBy: 'user' | 'early stopping' | 'epoch limit';
      readonly seconds: number;
    }
  | { readonly type: 'sampled'; readonly steps: number[][]; readonly stepsPerQuarter: number }
  | { readonly type: 'saved'; readonly name: string; readonly bytes: number }
  | { readonly type: 'loaded'; readonly name: string; readonly found: boolean; readonly description: string }
  | { readonly type: 'error'; readonly message: string };
