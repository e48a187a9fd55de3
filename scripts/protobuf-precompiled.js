// protobufjs makes each message type's encoder, decoder, verifier and converters at run time with
// `new Function` (its codegen), which a Content-Security-Policy without 'unsafe-eval' forbids. This esbuild
// plugin makes those functions at build time instead: it runs protobufjs in Node on the schema the bundle
// carries, records every function its codegen makes, and puts them in the bundle as ordinary code; in the
// bundle, @protobufjs/codegen is replaced by a lookup of those functions (by a hash of the generated
// source and its scope's names), and @protobufjs/inquire (an eval-based optional require) by a stub.
// A function the build did not record fails with an error naming it, never with an eval.
const { dirname, join } = require('node:path');
const protobuf = require('protobufjs/light');

const CODEGEN = require.resolve('@protobufjs/codegen', { paths: [dirname(require.resolve('protobufjs'))] });

/** FNV-1a (32 bits): the same here and in the bundle (RUNTIME below), to key each function. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

/** Every function protobufjs generates for the types of `descriptor`: {id, params, source}. */
function recordCodecs(descriptor) {
  const recorded = new Map();
  const original = protobuf.util.codegen;
  protobuf.util.codegen = (params, name) => {
    const gen = original(params, name);
    const wrapper = (formatOrScope, ...rest) => {
      if (typeof formatOrScope === 'string') {
        gen(formatOrScope, ...rest);
        return wrapper;
      }
      const params = Object.keys(formatOrScope ?? {});
      const source = gen.toString();
      recorded.set(hash(`${params.join(',')}\n${source}`), { params, source });
      return gen(formatOrScope);
    };
    wrapper.toString = gen.toString;
    return wrapper;
  };
  try {
    // As libs/protocol/src/schema.ts configures it: 64-bit fields as plain numbers.
    protobuf.util.Long = undefined;
    protobuf.configure();
    const root = protobuf.Root.fromJSON(descriptor);
    const visit = (namespace) => {
      for (const nested of namespace.nestedArray) {
        if (nested instanceof protobuf.Type) {
          nested.setup();
          void nested.ctor;
        }
        if (nested.nestedArray) visit(nested);
      }
    };
    visit(root);
  } finally {
    protobuf.util.codegen = original;
  }
  return recorded;
}

const RUNTIME = `
var original = require(${JSON.stringify(CODEGEN)});
${hash.toString()}
function codegen(params, name) {
  var gen = original(params, name);
  function Codegen(formatOrScope) {
    if (typeof formatOrScope === "string") {
      gen.apply(null, arguments);
      return Codegen;
    }
    var scope = formatOrScope || {};
    var keys = Object.keys(scope);
    var make = FUNCTIONS[hash(keys.join(",") + "\\n" + gen.toString())];
    if (!make) throw new Error("no protobuf function " + name + " was made at build time (scripts/protobuf-precompiled.js)");
    return make.apply(null, keys.map(function (k) { return scope[k]; }));
  }
  Codegen.toString = gen.toString;
  return Codegen;
}
codegen.verbose = false;
module.exports = codegen;
`;

/** The esbuild plugin, for a bundle whose protobufjs types come from `descriptor` (a JSON descriptor). */
function protobufPrecompiled(descriptor) {
  return {
    name: 'protobuf-precompiled',
    setup(build) {
      build.onResolve({ filter: /^@protobufjs\/codegen$/ }, () => ({
        path: 'codegen',
        namespace: 'pb-precompiled',
      }));
      build.onResolve({ filter: /^@protobufjs\/inquire$/ }, () => ({
        path: 'inquire',
        namespace: 'pb-precompiled',
      }));
      build.onLoad({ filter: /^inquire$/, namespace: 'pb-precompiled' }, () => ({
        contents:
          '// Optional modules (buffer, long) are absent in a browser, and found without eval.\nmodule.exports = function inquire() { return null; };',
        loader: 'js',
      }));
      build.onLoad({ filter: /^codegen$/, namespace: 'pb-precompiled' }, () => {
        const functions = [...recordCodecs(descriptor)].map(
          ([id, { params, source }]) =>
            `  ${JSON.stringify(id)}: function (${params.join(', ')}) { return ${source}; },`,
        );
        return {
          contents: `var FUNCTIONS = {\n${functions.join('\n')}\n};\n${RUNTIME}`,
          loader: 'js',
          resolveDir: join(__dirname, '..'),
        };
      });
    },
  };
}

module.exports = { protobufPrecompiled, recordCodecs };
