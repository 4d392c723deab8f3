// Registers the Node capabilities of `@rnn-nade/core/node` (file model I/O, run-folder sinks,
// worker-thread training) and of `@rnn-nade/data-text/node` (file paths as text sources) for every test file.
import '@rnn-nade/core/node';
import '@rnn-nade/data-text/node';
