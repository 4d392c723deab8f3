import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORE_VERSION, DuplicateCopyError } from '@rnn-nade/core';
import { packageLocation, registerCoreCopy, thisCoreCopy, type CoreCopy } from '@rnn-nade/core/advanced';

describe('one copy of @rnn-nade/core and tfjs-core per process', () => {
  it('importing core recorded this copy under Symbol.for("@rnn-nade/core")', () => {
    const recorded = (globalThis as unknown as Record<symbol, CoreCopy>)[Symbol.for('@rnn-nade/core')]!;
    expect(recorded).toMatchObject({ version: CORE_VERSION, tfjsVersion: tf.version_core });
    expect(recorded.location).toMatch(/\/packages\/core$/);
    expect(recorded.tensorClass).toBe(tf.Tensor);
    expect(() => registerCoreCopy(thisCoreCopy())).not.toThrow(); // the same copy again (source and build of one install)
  });

  it('CORE_VERSION matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(CORE_VERSION).toBe(pkg.version);
  });

  it('a second core from another folder is a DuplicateCopyError saying how to dedupe', () => {
    const scope = {};
    const first: CoreCopy = {
      version: '0.1.0',
      location: 'file:///usr/lib/node_modules/@rnn-nade/cli/node_modules/@rnn-nade/core',
      tfjsVersion: '4.22.0',
      tensorClass: tf.Tensor,
    };
    registerCoreCopy(first, scope);
    const second = { ...first, version: '0.2.0', location: 'file:///home/me/app/node_modules/@rnn-nade/core' };
    let error: unknown;
    try {
      registerCoreCopy(second, scope);
    } catch (e) {
      error = e;
    }
    expect(DuplicateCopyError.isInstance(error)).toBe(true);
    expect((error as DuplicateCopyError).packageName).toBe('@rnn-nade/core');
    expect((error as Error).message).toMatch(
      /^Two copies of @rnn-nade\/core are loaded in one process: @rnn-nade\/core 0\.1\.0 from file:\/\/\/usr\/lib.* and 0\.2\.0 from file:\/\/\/home\/me\/app.*npm dedupe/,
    );
  });

  it('a second tfjs-core (another Tensor class) is detected even from the same core folder', () => {
    const scope = {};
    const first = thisCoreCopy();
    registerCoreCopy(first, scope);
    class OtherTensor {}
    expect(() => registerCoreCopy({ ...first, tensorClass: OtherTensor }, scope)).toThrow(/Two copies of @tensorflow\/tfjs-core are loaded/);
  });

  it('finds the package folder of source and build modules alike', () => {
    expect(packageLocation('file:///a/node_modules/@rnn-nade/core/dist/index.js')).toBe('file:///a/node_modules/@rnn-nade/core');
    expect(packageLocation('file:///repo/packages/core/src/util/single-copy.ts?v=1')).toBe('file:///repo/packages/core');
  });
});
