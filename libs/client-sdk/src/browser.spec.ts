import { join } from 'node:path';
import { build, BuildOptions } from 'esbuild';

// The esbuild options of the browser bundle, as scripts/build-browser.js (run by the build) uses them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { browserSdkOptions } = require('../../../scripts/build-browser.js') as {
  browserSdkOptions(): BuildOptions;
};

const bundle = (entry: string) =>
  build({
    ...browserSdkOptions(),
    entryPoints: [join(__dirname, entry)],
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });

describe('the browser bundle of the SDK', () => {
  it('holds no Node module: neither the TCP carrier nor the .proto file reader', async () => {
    const { metafile } = await bundle('browser.ts');
    const inputs = Object.keys(metafile!.inputs);
    expect(inputs).toContainEqual(expect.stringMatching(/client-sdk\/src\/carriers\/websocket\.ts$/));
    expect(inputs).toContainEqual(expect.stringMatching(/protocol\/src\/schema-source\.browser\.ts$/));
    expect(inputs.filter((input) => /carriers\/tcp\.ts$|schema-source\.ts$|^node:/.test(input))).toEqual([]);
  });

  it('fails to build, naming the module, when the Node entry is bundled for a browser', async () => {
    await expect(bundle('index.ts')).rejects.toThrow(/Could not resolve "node:(net|tls)"/);
  });
});
