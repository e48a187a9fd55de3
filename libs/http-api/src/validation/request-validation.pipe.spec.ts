import { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { AcceptedBySchema } from './accepted-by-schema';
import { RequestValidationPipe } from './request-validation.pipe';

class Item {
  @IsString()
  id: string;
}

class Request {
  @IsOptional()
  @MaxLength(4)
  reason?: string;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => Item)
  items?: Item[];
}

const body: ArgumentMetadata = { type: 'body', metatype: Request };

/** A schema that accepts what class-validator would not (a 9-character reason): shows which way a body took. */
@AcceptedBySchema({
  type: 'object',
  properties: { reason: { type: 'string', maxLength: 9 } },
  required: ['reason'],
  additionalProperties: false,
})
class Quick {
  @MaxLength(4)
  reason: string;
}

const quick: ArgumentMetadata = { type: 'body', metatype: Quick };

async function messagesOf(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadRequestException);
  return ((error as BadRequestException).getResponse() as { message: unknown }).message;
}

describe('RequestValidationPipe', () => {
  it('names each failing field once, nested ones by their path, and refuses unknown properties', async () => {
    const pipe = new RequestValidationPipe();
    expect(await messagesOf(pipe.transform({ reason: 'too long', items: [{ id: 1 }], x: 1 }, body))).toEqual([
      'property x should not exist',
      'reason must be shorter than or equal to 4 characters',
      'items.0.id must be a string',
    ]);
  });

  it('refuses a body that is not a JSON object, and a missing one by default', async () => {
    const pipe = new RequestValidationPipe();
    for (const value of [[], null, 'text', undefined]) {
      expect(await messagesOf(pipe.transform(value, body))).toEqual(['request body must be a JSON object']);
    }
  });

  it('validates a missing body as {} when asked to', async () => {
    const pipe = new RequestValidationPipe({ missingBodyIsEmpty: true });
    expect(await pipe.transform(undefined, body)).toEqual(new Request());
    expect(await messagesOf(pipe.transform(null, body))).toEqual(['request body must be a JSON object']);
  });

  it('takes a body its DTO schema accepts as an instance of the DTO, without class-validator', async () => {
    const pipe = new RequestValidationPipe();
    const taken = await pipe.transform({ reason: 'long text' }, quick);
    expect(taken).toBeInstanceOf(Quick);
    expect(taken).toEqual(Object.assign(new Quick(), { reason: 'long text' }));
  });

  it('leaves a body its DTO schema refuses to class-validator, which answers it', async () => {
    const pipe = new RequestValidationPipe();
    expect(await messagesOf(pipe.transform({ reason: 'far too long', x: 1 }, quick))).toEqual([
      'property x should not exist',
      'reason must be shorter than or equal to 4 characters',
    ]);
    expect(await messagesOf(pipe.transform([], quick))).toEqual(['request body must be a JSON object']);
  });
});
