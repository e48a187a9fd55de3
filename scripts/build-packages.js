#!/usr/bin/env node
// Builds the installable packages into dist/packages/: @cim/client-sdk (libs/client-sdk) and the terminal
// client cim-client (apps/cim-client) built on it. `--pack <dir>` then runs `npm pack` on each into <dir>.
//
// Each is compiled by the TypeScript compiler with the package's own tsconfig.package.json. The SDK's
// tsconfig maps @cim/protocol to libs/protocol/src/wire.ts (the client part of the protocol library), whose
// compiled files travel inside the SDK package, so the codec is the very code the servers run. Imports of
// repository code are rewritten to relative paths; any other import must be a Node built-in or a dependency
// the package.json declares, or the build fails naming it.
const { execFileSync } = require('node:child_process');
const { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { builtinModules } = require('node:module');
const { dirname, join, relative, resolve } = require('node:path');
const ts = require('typescript');

const root = join(__dirname, '..');
const out = join(root, 'dist', 'packages');
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

const PACKAGES = [
  {
    dir: 'libs/client-sdk',
    out: join(out, 'client-sdk'),
    extra(target) {
      // The codec loads proto/cim.proto at run time from the nearest proto/ folder above it.
      cpSync(join(root, 'proto'), join(target, 'proto'), { recursive: true });
      writeEsmWrapper(target, require(join(target, readJson(join(target, 'package.json')).main)));
    },
  },
  { dir: 'apps/cim-client', out: join(out, 'cim-client') },
];

function build(pkg) {
  rmSync(pkg.out, { recursive: true, force: true });
  mkdirSync(pkg.out, { recursive: true });
  const manifest = readJson(join(root, pkg.dir, 'package.json'));
  checkDependencyRanges(manifest);
  compile(join(root, pkg.dir, 'tsconfig.package.json'), Object.keys(manifest.dependencies ?? {}));
  writeFileSync(join(pkg.out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(join(root, pkg.dir, 'README.md'), join(pkg.out, 'README.md'));
  pkg.extra?.(pkg.out);
}

/** A dependency shared with the repository must carry the range the repository is tested with. */
function checkDependencyRanges(manifest) {
  const repo = readJson(join(root, 'package.json')).dependencies;
  const sdk = readJson(join(root, 'libs/client-sdk/package.json'));
  for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
    const expected = name === sdk.name ? sdk.version : repo[name];
    if (range !== expected)
      throw new Error(`${manifest.name} depends on ${name}@${range}, but the repository uses ${expected}`);
  }
}

function compile(tsconfigPath, dependencies) {
  const config = ts.getParsedCommandLineOfConfigFile(
    tsconfigPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: fail },
  );
  const program = ts.createProgram(config.fileNames, config.options);
  const rewrite = rewriteImports(config.options, dependencies);
  const emitted = program.emit(undefined, undefined, undefined, false, {
    before: [rewrite],
    afterDeclarations: [rewrite],
  });
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  if (diagnostics.length) fail(diagnostics);
}

function fail(diagnostics) {
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  const list = Array.isArray(diagnostics) ? diagnostics : [diagnostics];
  throw new Error(ts.formatDiagnostics(list, host));
}

/** A transformer that points imports of repository code at their compiled files and refuses unknown ones. */
function rewriteImports(options, dependencies) {
  const builtins = new Set(builtinModules);
  const packageName = (spec) =>
    spec
      .split('/')
      .slice(0, spec.startsWith('@') ? 2 : 1)
      .join('/');
  const target = (spec, fileName) => {
    if (spec.startsWith('.') || spec.startsWith('node:') || builtins.has(spec)) return spec;
    if (dependencies.includes(packageName(spec))) return spec;
    const resolved = ts.resolveModuleName(spec, fileName, options, ts.sys).resolvedModule;
    const file = resolved && !resolved.isExternalLibraryImport ? resolved.resolvedFileName : undefined;
    if (!file || relative(root, file).startsWith('..') || file.includes('node_modules'))
      throw new Error(`${relative(root, fileName)} imports ${spec}, which is no dependency of the package`);
    const path = relative(dirname(fileName), file.replace(/(\.d)?\.ts$/, '')).replace(/\\/g, '/');
    return path.startsWith('.') ? path : `./${path}`;
  };
  return (context) => (sourceFile) => {
    const { factory } = context;
    const fileName = resolve(sourceFile.fileName);
    const visit = (node) => {
      const spec = node.moduleSpecifier ?? (ts.isImportTypeNode(node) ? node.argument.literal : undefined);
      if (spec && ts.isStringLiteral(spec)) {
        const to = target(spec.text, fileName);
        if (to !== spec.text) {
          const literal = factory.createStringLiteral(to);
          if (ts.isImportDeclaration(node))
            return factory.updateImportDeclaration(
              node,
              node.modifiers,
              node.importClause,
              literal,
              node.attributes,
            );
          if (ts.isExportDeclaration(node))
            return factory.updateExportDeclaration(
              node,
              node.modifiers,
              node.isTypeOnly,
              node.exportClause,
              literal,
              node.attributes,
            );
          if (ts.isImportTypeNode(node))
            return factory.updateImportTypeNode(
              node,
              factory.createLiteralTypeNode(literal),
              node.attributes,
              node.qualifier,
              node.typeArguments,
              node.isTypeOf,
            );
        }
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitNode(sourceFile, visit);
  };
}

/** ESM entry: re-exports the CommonJS build by name, so both module systems share one instance. */
function writeEsmWrapper(target, exported) {
  const names = Object.keys(exported).filter((name) => name !== '__esModule' && name !== 'default');
  const main = './cjs/client-sdk/src/index.js';
  mkdirSync(join(target, 'esm'), { recursive: true });
  writeFileSync(
    join(target, 'esm', 'index.mjs'),
    `import sdk from '.${main}';\n\nexport const {\n${names.map((n) => `  ${n},`).join('\n')}\n} = sdk;\n`,
  );
  writeFileSync(join(target, 'esm', 'index.d.mts'), `export * from '.${main}';\n`);
}

function pack(pkg, destination) {
  mkdirSync(destination, { recursive: true });
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', pkg.out, '--json', '--pack-destination', destination], {
      cwd: root,
      encoding: 'utf8',
    }),
  );
  return join(destination, packed.filename);
}

const args = process.argv.slice(2);
const packTo = args.includes('--pack')
  ? resolve(args[args.indexOf('--pack') + 1] ?? '.tmp/packages')
  : undefined;
for (const pkg of PACKAGES) build(pkg);
if (packTo) for (const pkg of PACKAGES) console.log(pack(pkg, packTo));
