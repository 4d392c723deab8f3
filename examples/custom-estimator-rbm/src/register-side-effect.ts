/** Importing this module registers the RBM factory (used by entry points other than `index`). */
import { registerRbm } from './register';

registerRbm();
