import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { Rng, initBackend } from '@rnn-nade/core';
import { lstmLayer, setEncoderImplementation, type EncoderImplementation, type LstmWeights } from '@rnn-nade/core/advanced';
import { expectArraysClose } from '@rnn-nade/core/testing';
import { LSTM_SEQUENCE } from './lstm-kernel';

await initBackend({ log: null });

const [L, B, IN, H] = [5, 3, 4, 6];
const rng = new Rng(11);
const rand = (shape: number[], scale = 0.6) =>
  tf.tensor(
    rng.normals(shape.reduce((a, b) => a * b, 1)).map((v) => v * scale),
    shape,
  );
// inputs with padding-like zero rows (a sequence that ended) and a carried, non-zero state
const xData = rng.normals(L * B * IN);
for (let t = 3; t < L; t++) xData.fill(0, (t * B + 2) * IN, (t * B + 3) * IN);
const x = tf.keep(tf.tensor3d(xData, [L, B, IN]));
const w: LstmWeights = {
  kernel: tf.keep(rand([IN, 4 * H])) as tf.Tensor2D,
  recurrentKernel: tf.keep(rand([H, 4 * H])) as tf.Tensor2D,
  bias: tf.keep(rand([4 * H])) as tf.Tensor1D,
};
const h0 = tf.keep(rand([B, H], 0.5)) as tf.Tensor2D;
const c0 = tf.keep(rand([B, H], 0.8)) as tf.Tensor2D;
const probe = tf.keep(rand([L, B, H])); // loss = sum(hs * probe), so every output element matters

/** Forward outputs and the gradients of every input under one implementation. */
function run(impl: EncoderImplementation) {
  const previous = setEncoderImplementation(impl);
  try {
    const f = (xx: tf.Tensor, k: tf.Tensor, u: tf.Tensor, b: tf.Tensor, hh: tf.Tensor, cc: tf.Tensor) => {
      const out = lstmLayer(
        xx as tf.Tensor3D,
        { kernel: k as tf.Tensor2D, recurrentKernel: u as tf.Tensor2D, bias: b as tf.Tensor1D },
        hh as tf.Tensor2D,
        cc as tf.Tensor2D,
      );
      tf.dispose([out.hLast, out.cLast]);
      return tf.sum(tf.mul(out.hs, probe)) as tf.Scalar;
    };
    const grads = tf.grads(f)([x, w.kernel, w.recurrentKernel, w.bias, h0, c0]);
    const out = lstmLayer(x, w, h0, c0);
    const result = { hs: out.hs.dataSync(), hLast: out.hLast.dataSync(), cLast: out.cLast.dataSync(), grads: grads.map((g) => g.dataSync()) };
    tf.dispose([out.hs, out.hLast, out.cLast, ...grads]);
    return result;
  } finally {
    setEncoderImplementation(previous);
  }
}

describe('fused LSTM sequence kernel', () => {
  it('is registered for the cpu-side backends only', () => {
    expect(tf.getKernel(LSTM_SEQUENCE, 'wasm')).toBeDefined();
    expect(tf.getKernel(LSTM_SEQUENCE, 'cpu')).toBeDefined();
    expect(tf.getKernel(LSTM_SEQUENCE, 'webgl')).toBeUndefined();
  });

  it('equals the plain tfjs-op path (outputs, final state, gradients of x, weights and carried state) without leaking', () => {
    const before = tf.memory().numTensors;
    const fused = run('cpu');
    const plain = run('tensor');
    expect(tf.memory().numTensors).toBe(before);
    expectArraysClose(fused.hs, plain.hs, 1e-5);
    expectArraysClose(fused.hLast, plain.hLast, 1e-5);
    expectArraysClose(fused.cLast, plain.cLast, 1e-5);
    fused.grads.forEach((g, i) => {
      expectArraysClose(g, plain.grads[i]!, 1e-4);
    });
    // the zero rows of the padded sequence still pass state through: its hidden state is not zero
    expect(Math.abs(fused.hs[(4 * B + 2) * H]!)).toBeGreaterThan(0);
  });

  it('has gradients that match central finite differences (float32, eps 1e-2)', () => {
    const previous = setEncoderImplementation('cpu');
    try {
      const inputs = [x, w.kernel, w.recurrentKernel, w.bias, h0, c0];
      const loss = (ts: tf.Tensor[]) =>
        tf.tidy(() => {
          const out = lstmLayer(
            ts[0] as tf.Tensor3D,
            { kernel: ts[1] as tf.Tensor2D, recurrentKernel: ts[2] as tf.Tensor2D, bias: ts[3] as tf.Tensor1D },
            ts[4] as tf.Tensor2D,
            ts[5] as tf.Tensor2D,
          );
          tf.dispose([out.hLast, out.cLast]);
          return tf.sum(tf.mul(out.hs, probe)).dataSync()[0]!;
        });
      const grads = tf.grads((...ts: tf.Tensor[]) => {
        const out = lstmLayer(
          ts[0] as tf.Tensor3D,
          { kernel: ts[1] as tf.Tensor2D, recurrentKernel: ts[2] as tf.Tensor2D, bias: ts[3] as tf.Tensor1D },
          ts[4] as tf.Tensor2D,
          ts[5] as tf.Tensor2D,
        );
        tf.dispose([out.hLast, out.cLast]);
        return tf.sum(tf.mul(out.hs, probe)) as tf.Scalar;
      })(inputs);
      const pick = new Rng(3);
      inputs.forEach((input, k) => {
        const data = input.dataSync() as Float32Array;
        const g = grads[k]!.dataSync();
        for (let trial = 0; trial < 4; trial++) {
          const i = pick.int(data.length);
          const eps = 1e-2;
          const at = (v: number) => {
            const copy = Float32Array.from(data);
            copy[i] = v;
            const t = tf.tensor(copy, input.shape);
            const ts = inputs.map((u, j) => (j === k ? t : u));
            const value = loss(ts);
            t.dispose();
            return value;
          };
          const fd = (at(data[i]! + eps) - at(data[i]! - eps)) / (2 * eps);
          expect(Math.abs(g[i]! - fd), `input ${k}[${i}]: analytic ${g[i]} vs fd ${fd}`).toBeLessThan(2e-3 * Math.max(1, Math.abs(fd)));
        }
      });
      tf.dispose(grads);
    } finally {
      setEncoderImplementation(previous);
    }
  });
});
