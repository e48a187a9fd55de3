import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = {
  $ref?: string;
  type?: string;
  example?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
};
type Parameter = { name: string; in: string; example?: unknown; schema?: Schema };

/** One way of calling an operation: headers, and whether to send its example body. */
export interface Probe {
  headers?: Record<string, string>;
  body?: 'example' | 'none' | 'text';
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Calls every operation of the document on the app with each probe and lists each answer whose status
 * the operation does not document (`POST /api/login answered 429`). Bodies and path parameters are
 * made of the document's own examples.
 */
export async function undocumentedAnswers(
  app: NestFastifyApplication,
  document: OpenAPIObject,
  probes: Probe[],
): Promise<string[]> {
  const found: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = (operation.parameters ?? []) as Parameter[];
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => String(exampleOf(parameters, name)));
      const schema = (operation.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)
        ?.content?.['application/json']?.schema;
      for (const probe of probes) {
        const sent =
          probe.body === 'text'
            ? 'plain text'
            : probe.body === 'example' && schema
              ? example(document, schema)
              : undefined;
        const answer = await app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          headers: {
            ...probe.headers,
            ...(sent === undefined
              ? {}
              : { 'content-type': typeof sent === 'string' ? 'text/plain' : 'application/json' }),
          },
          payload: sent === undefined ? undefined : typeof sent === 'string' ? sent : JSON.stringify(sent),
        });
        if (!operation.responses[String(answer.statusCode)]) {
          found.push(`${method.toUpperCase()} ${path} answered ${answer.statusCode}: ${answer.body}`);
        }
      }
    }
  }
  return found;
}

function exampleOf(parameters: Parameter[], name: string): unknown {
  const parameter = parameters.find((p) => p.name === name);
  return parameter?.example ?? parameter?.schema?.example ?? '1';
}

/** A value of the schema made of its examples (a string, number or boolean without one gets a default). */
function example(document: OpenAPIObject, schema: Schema): unknown {
  if (schema.$ref)
    return example(document, document.components!.schemas![schema.$ref.split('/').pop()!] as Schema);
  if (schema.example !== undefined) return schema.example;
  if (schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, example(document, v)]));
  }
  if (schema.type === 'array') return schema.items ? [example(document, schema.items)] : [];
  return schema.type === 'number' || schema.type === 'integer' ? 1 : schema.type === 'boolean' ? true : 'x';
}
