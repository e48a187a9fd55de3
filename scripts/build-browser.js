#!/usr/bin/env node
// Builds the client SDK for browsers with esbuild: one ES module, dist/browser/cim-client-sdk.js (with a
// source map), from libs/client-sdk/src/browser.ts. The protocol comes from libs/protocol/src/wire.ts (the
// client part of the protocol library) with schema-source.browser.ts in place of the file reader: the
// schema travels inside the bundle as the JSON descriptor of proto/cim.proto, made here at build time.
// platform 'browser' makes any Node module that reaches the bundle fail the build, naming it. protobufjs's
// codecs are made at build time (scripts/protobuf-precompiled.js): the bundle has no eval or new Function,
// so a page whose Content-Security-Policy allows no 'unsafe-eval' can use it.
const { join } = require('node:path');
const esbuild = require('esbuild');
const protobuf = require('protobufjs');
const { protobufPrecompiled } = require('./protobuf-precompiled');

const root = join(__dirname, '..');
const OUT = join(root, 'dist', 'browser', 'cim-client-sdk.js');

/** The JSON descriptor of proto/cim.proto (what protobuf.Root.fromJSON takes). */
function protoDescriptor() {
  return protobuf.loadSync(join(root, 'proto', 'cim.proto')).toJSON();
}

/** esbuild options for code that imports the SDK's browser entry (reusable by a web app's own build). */
function browserSdkOptions() {
  return {
    bundle: true,
    platform: 'browser',
    target: ['es2022'],
    define: { CIM_PROTO_DESCRIPTOR: JSON.stringify(protoDescriptor()) },
    plugins: [
      {
        name: 'cim-browser-protocol',
        setup(build) {
          build.onResolve({ filter: /^@cim\/protocol$/ }, () => ({
            path: join(root, 'libs', 'protocol', 'src', 'wire.ts'),
          }));
          build.onResolve({ filter: /^\.\/schema-source$/ }, (args) =>
            args.importer.startsWith(join(root, 'libs', 'protocol'))
              ? { path: join(root, 'libs', 'protocol', 'src', 'schema-source.browser.ts') }
              : undefined,
          );
        },
      },
    ],
  };
}

async function buildBrowserSdk(outfile = OUT) {
  const sdk = browserSdkOptions();
  const result = await esbuild.build({
    ...sdk,
    plugins: [...sdk.plugins, protobufPrecompiled(protoDescriptor())],
    entryPoints: [join(root, 'libs', 'client-sdk', 'src', 'browser.ts')],
    format: 'esm',
    minify: true,
    sourcemap: true,
    outfile,
    metafile: true,
    logLevel: 'warning',
  });
  return { outfile, bytes: result.metafile.outputs[require('node:path').relative(root, outfile)]?.bytes };
}

module.exports = { buildBrowserSdk, browserSdkOptions, protoDescriptor, BROWSER_SDK: OUT };

if (require.main === module) {
  buildBrowserSdk().then(
    ({ outfile, bytes }) => console.log(`browser SDK: ${outfile}${bytes ? ` (${bytes} bytes)` : ''}`),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
