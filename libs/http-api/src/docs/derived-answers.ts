import type { OpenAPIObject } from '@nestjs/swagger';
import { HTTP_BODY_LIMIT_BYTES } from '../http/http-adapter';

type Operation = NonNullable<OpenAPIObject['paths'][string]['post']>;

const BODY_ANSWERS: Record<number, string> = {
  400: 'The body is not JSON, not a JSON object, or a field is missing or invalid; each is named.',
  413: `The request body is larger than ${HTTP_BODY_LIMIT_BYTES / 1024} KiB.`,
  415: 'The body is not JSON (Content-Type).',
};
const PARAMETER_ANSWER = 'A parameter is malformed; each is named.';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Adds to each operation the answers that the HTTP layer gives, not its handler: an operation with a
 * body can answer 400 (validation, malformed JSON), 413 (body limit) and 415 (not JSON); one with
 * parameters 400. An answer the controller declares itself keeps its own description.
 */
export function addDerivedAnswers(document: OpenAPIObject): OpenAPIObject {
  const errorModel = document.components?.schemas?.ErrorResponse
    ? '#/components/schemas/ErrorResponse'
    : undefined;
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      if (!operation) continue;
      const derived: Record<number, string> = {};
      if (operation.parameters?.length) derived[400] = PARAMETER_ANSWER;
      if (operation.requestBody) Object.assign(derived, BODY_ANSWERS);
      for (const [status, description] of Object.entries(derived))
        addAnswer(operation, status, description, errorModel);
    }
  }
  return document;
}

function addAnswer(operation: Operation, status: string, description: string, errorModel?: string): void {
  if (operation.responses[status]) return;
  operation.responses[status] = errorModel
    ? { description, content: { 'application/json': { schema: { $ref: errorModel } } } }
    : { description };
}
