/** The entry of dist/core.js, for tests and benchmarks: the public index, and the internals apart. */
export * from './index';
export * as internals from './internals';
