import { PipeTransform } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import Ajv, { JSONSchemaType, ValidateFunction } from 'ajv';
import { payloadProblems } from './payload-problems';

/** The RpcFailure code of a call whose payload does not have the pattern's shape. */
export const RPC_BAD_REQUEST = 'BadRequest';

/**
 * Compiles every payload schema. Properties a schema does not name are removed, not refused (a peer
 * one version ahead, in a rolling upgrade, can still call); values are never coerced; every failing
 * field is reported. `message` is the one keyword of cim's own (payload-problems.ts).
 */
const ajv = new Ajv({ allErrors: true, removeAdditional: 'all', verbose: true, strict: true });
ajv.addVocabulary(['message']);

/**
 * Checks an RPC payload against its pattern's schema, compiled once, when the handler is declared
 * (`@Payload(new RpcPayloadPipe(SYNC_REQUEST_SCHEMA))`). A payload not of that shape is refused as a
 * whole, before the handler runs, with an RpcFailure `{ code: 'BadRequest', message }` naming each
 * failing field (`malformed payload: requests.0.userId must be a string`). The handler gets the
 * payload itself, less the properties the schema does not name.
 */
export class RpcPayloadPipe<T> implements PipeTransform<unknown, T> {
  private readonly validate: ValidateFunction<T>;

  constructor(schema: JSONSchemaType<T>) {
    this.validate = ajv.compile(schema);
  }

  transform(value: unknown): T {
    if (this.validate(value)) return value;
    const problems = payloadProblems(this.validate.errors ?? []);
    throw new RpcException({ code: RPC_BAD_REQUEST, message: `malformed payload: ${problems.join('; ')}` });
  }
}
