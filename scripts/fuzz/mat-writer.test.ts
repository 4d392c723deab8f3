import { describe, expect, it } from 'vitest';
import { matCellToPitchLists, readMat, type MatValue } from '@rnn-nade/data-midi/node';
import { writeMat } from './mat-writer';

describe('writeMat', () => {
  it('writes what readMat reads back, compressed or not', () => {
    const roll: MatValue = { kind: 'numeric', dims: [2, 3], values: [1, 0, 0, 1, 1, 1] }; // column-major
    const real: MatValue = { kind: 'numeric', dims: [1, 2], values: [0.5, -2] };
    for (const compress of [false, true]) {
      const vars = readMat(
        writeMat(
          [
            { name: 'traindata', value: { kind: 'cell', dims: [1, 1], cells: [roll] } },
            { name: 'x', value: real },
          ],
          { compress },
        ),
      );
      expect([...vars.keys()]).toEqual(['traindata', 'x']);
      expect(matCellToPitchLists(vars.get('traindata')!, 60)).toEqual([
        [
          [60, 62],
          [61, 62],
        ],
      ]);
      const x = vars.get('x')!;
      expect(x.kind === 'numeric' && [x.dims, Array.from(x.values)]).toEqual([
        [1, 2],
        [0.5, -2],
      ]);
    }
  });
});
