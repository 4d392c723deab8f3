/** Side-effect module: registers every tfjs-core gradient (see build-tfjs-gradients.mjs). */
export {};
