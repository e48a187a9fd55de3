import Ajv, { ValidateFunction } from 'ajv';

/** No coercion, no removal: a body passes as it is or not at all. */
const ajv = new Ajv({ strict: true });
const accepters = new WeakMap<object, ValidateFunction>();

/**
 * A quick way through the validation pipe for a request DTO on a busy path (the resumes of a
 * reconnecting crowd): a JSON Schema of bodies it accepts, compiled once. A body the schema accepts
 * reaches the handler as an instance of the DTO without class-validator's walk over its decorators;
 * any other body goes through class-validator as before, which answers it (the same 400, the same
 * messages). So the schema must accept no body that class-validator refuses; it may refuse some that
 * class-validator accepts (a null for an optional field), which then simply take the slow way.
 */
export function AcceptedBySchema(schema: object): ClassDecorator {
  const validate = ajv.compile(schema);
  return (target) => {
    accepters.set(target, validate);
  };
}

/** Whether the DTO class has a schema (AcceptedBySchema) and it accepts the value. */
export function acceptedBySchema(metatype: unknown, value: unknown): boolean {
  const validate = typeof metatype === 'function' ? accepters.get(metatype) : undefined;
  return validate !== undefined && validate(value) === true;
}
