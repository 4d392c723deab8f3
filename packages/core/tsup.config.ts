import { packageBuild } from '../../tsup.base';

export default packageBuild({
  index: 'src/index.ts',
  node: 'src/node.ts',
  advanced: 'src/advanced.ts',
  'testing/index': 'src/testing/index.ts',
  'train-worker': 'src/train/parallel/worker-main.ts',
});
