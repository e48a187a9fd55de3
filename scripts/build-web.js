#!/usr/bin/env node
// Builds the web chat app (apps/web) into dist/web: app.js (preact and the client SDK's browser entry,
// bundled and minified by esbuild, with a source map), index.html and app.css as they are. The
// route-gateway serves that directory at /app/ (apps/route-gateway/src/web-app). protobufjs's codecs are
// made at build time (scripts/protobuf-precompiled.js), so that the page runs under a CSP without eval.
const { copyFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const esbuild = require('esbuild');
const { browserSdkOptions, protoDescriptor } = require('./build-browser');
const { protobufPrecompiled } = require('./protobuf-precompiled');

const root = join(__dirname, '..');
const SOURCE = join(root, 'apps', 'web', 'src');
const OUT = join(root, 'dist', 'web');

async function buildWebApp(outdir = OUT) {
  mkdirSync(outdir, { recursive: true });
  const sdk = browserSdkOptions();
  const result = await esbuild.build({
    ...sdk,
    // The page's CSP allows no eval: protobufjs's generated functions are made here, at build time.
    plugins: [...sdk.plugins, protobufPrecompiled(protoDescriptor())],
    entryPoints: [join(SOURCE, 'main.tsx')],
    tsconfig: join(root, 'apps', 'web', 'tsconfig.json'),
    jsx: 'automatic',
    jsxImportSource: 'preact',
    format: 'esm',
    minify: true,
    sourcemap: true,
    outfile: join(outdir, 'app.js'),
    metafile: true,
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'app.css']) copyFileSync(join(SOURCE, file), join(outdir, file));
  const bytes = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('app.js'))?.[1].bytes;
  return { outdir, bytes };
}

module.exports = { buildWebApp, WEB_DIR: OUT };

if (require.main === module) {
  buildWebApp().then(
    ({ outdir, bytes }) => console.log(`web app: ${outdir} (app.js ${bytes} bytes)`),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
