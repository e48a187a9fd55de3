/**
 * Starts the registry host process (host-process.ts) in plain Node: the registry's TypeScript is
 * compiled as it is loaded, with the project's own compiler (ts-node is not installed).
 */
const { readFileSync } = require('node:fs');
const ts = require('typescript');

const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 };
require.extensions['.ts'] = (module, filename) => {
  const source = readFileSync(filename, 'utf8');
  module._compile(ts.transpileModule(source, { compilerOptions, fileName: filename }).outputText, filename);
};

require('./host-process.ts');
