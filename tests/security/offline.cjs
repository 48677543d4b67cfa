// Loaded with --require before Electronegativity: at start it fetches
// translations from the internet with `got`, and neither this machine nor CI
// may send anything off the machine. Its English texts ship with it.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a --require preload is CommonJS by nature
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'got') return () => Promise.reject(new Error('Offering Desk runs Electronegativity offline'));
  return load.call(this, request, ...rest);
};
