import { execFile } from 'node:child_process';
import type { OpenAPIObject } from '@nestjs/swagger';

// @apidevtools/swagger-parser is an ES module, which Jest's CommonJS runtime cannot load: it runs in a
// node of its own, which reads the document on stdin and prints what is wrong with it, if anything.
const VALIDATE = `
import SwaggerParser from '@apidevtools/swagger-parser';
let text = '';
for await (const chunk of process.stdin) text += chunk;
try {
  await SwaggerParser.validate(JSON.parse(text));
} catch (error) {
  process.stdout.write(error.message);
}
`;

/** What @apidevtools/swagger-parser finds wrong with an OpenAPI document; '' when it is valid. */
export function openApiProblems(document: OpenAPIObject): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', VALIDATE],
      { cwd: process.cwd() },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
    child.stdin!.end(JSON.stringify(document));
  });
}
