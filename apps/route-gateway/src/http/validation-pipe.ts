import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * Validates every request DTO: unknown properties are refused, query strings are converted, and a
 * 400 names each failing field (`message: ['name must be shorter than or equal to 32 characters']`).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(errors.flatMap((error) => describe(error))),
  });
}

function describe(error: ValidationError, parent = ''): string[] {
  const path = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((text) =>
    parent && text.startsWith(`${error.property} `) ? `${parent}.${text}` : text,
  );
  return [...own, ...(error.children ?? []).flatMap((child) => describe(child, path))];
}
