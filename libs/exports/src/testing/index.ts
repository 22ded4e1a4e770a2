export { sourceFromEvents, generatedEvents, generatedIdentifiers } from './source-from-events.js';
export { testSurrogates } from './surrogates.js';
export { smallSource, smallSurrogates } from './small-export.js';
export { pyarrowPython, readParquet, PYARROW } from './pyarrow.js';
