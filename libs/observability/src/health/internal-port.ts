import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * The internal port (health, readiness, metrics) differs from the app's other ports, unless both are 0
 * (any free port).
 */
export function IsPortApartFrom(others: string[], options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPortApartFrom',
      constraints: others,
      validator: {
        validate: (value: unknown, args) =>
          value === 0 || others.every((other) => (args?.object as Record<string, unknown>)[other] !== value),
        defaultMessage: () => `must differ from ${others.join(' and ')}`,
      },
    },
    options,
  );
}
