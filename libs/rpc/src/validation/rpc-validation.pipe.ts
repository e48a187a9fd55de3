import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { validationMessages } from '@cim/http-api';

/** The RpcFailure code of a call whose payload does not have the pattern's shape. */
export const RPC_BAD_REQUEST = 'BadRequest';

/**
 * Validates an RPC payload against its DTO class, as RequestValidationPipe does HTTP bodies: a payload
 * that is not an object, or whose fields do not match, is refused as a whole with an RpcFailure
 * `{ code: 'BadRequest', message }` naming each failing field (`requests.0.userId must be a string`),
 * before the handler runs. Unknown properties are dropped, not refused, so that a peer one version ahead
 * (a rolling upgrade) can still call.
 */
export class RpcValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      transform: true,
      stopAtFirstError: true,
      exceptionFactory: (errors) => refusal(validationMessages(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw refusal(['payload must be a JSON object']);
    return super.transform(value, metadata);
  }
}

function refusal(messages: string[]): RpcException {
  return new RpcException({ code: RPC_BAD_REQUEST, message: `malformed payload: ${messages.join('; ')}` });
}
