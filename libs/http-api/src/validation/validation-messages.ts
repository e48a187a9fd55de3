import type { ValidationError } from 'class-validator';

/**
 * One text per failing constraint, nested properties named by their path
 * (`['name must be shorter than or equal to 32 characters', 'items.0.id must be a string']`).
 */
export function validationMessages(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => describe(error));
}

function describe(error: ValidationError, parent = ''): string[] {
  const path = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((text) =>
    parent && text.startsWith(`${error.property} `) ? `${parent}.${text}` : text,
  );
  return [...own, ...(error.children ?? []).flatMap((child) => describe(child, path))];
}
