import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * Validates every request DTO, as the route-gateway's pipe does: unknown properties are refused, query
 * strings are converted, and a 400 names each failing field, once. A body that is not a JSON object
 * (an array, null, a bare string) is refused as a whole.
 */
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: true,
      exceptionFactory: (errors) => new BadRequestException(errors.flatMap((error) => describe(error))),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A POST without a body (e.g. a kick without a reason) is an empty object; required fields still fail.
    if (metadata.type === 'body' && value === undefined) value = {};
    if (metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new BadRequestException(['request body must be a JSON object']);
    }
    return super.transform(value, metadata);
  }
}

function describe(error: ValidationError, parent = ''): string[] {
  const path = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((text) =>
    parent && text.startsWith(`${error.property} `) ? `${parent}.${text}` : text,
  );
  return [...own, ...(error.children ?? []).flatMap((child) => describe(child, path))];
}
