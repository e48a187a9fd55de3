import { RpcException } from '@nestjs/microservices';
import type { JSONSchemaType } from 'ajv';
import { RPC_BAD_REQUEST, RpcPayloadPipe } from './rpc-payload.pipe';

interface Item {
  id: string;
  count: number;
  flag?: boolean;
  tags?: string[];
}

interface Order {
  userId: string;
  kind: 'private' | 'group';
  limit: number;
  conversation: string;
  items: Item[];
  note?: { text: string };
}

const ORDER_SCHEMA: JSONSchemaType<Order> = {
  type: 'object',
  required: ['userId', 'kind', 'limit', 'conversation', 'items'],
  properties: {
    userId: { type: 'string', minLength: 1 },
    kind: { type: 'string', enum: ['private', 'group'] },
    limit: { type: 'integer', minimum: 1, maximum: 200 },
    conversation: { type: 'string', pattern: '^(group|g:[0-9]+)$', message: "must be 'group' or 'g:<id>'" },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'count'],
        properties: {
          id: { type: 'string' },
          count: { type: 'integer', minimum: 0 },
          flag: { type: 'boolean', nullable: true },
          tags: { type: 'array', nullable: true, items: { type: 'string' } },
        },
      },
    },
    note: {
      type: 'object',
      nullable: true,
      required: ['text'],
      properties: { text: { type: 'string' } },
    },
  },
};

const pipe = new RpcPayloadPipe(ORDER_SCHEMA);

const valid = (): Order => ({
  userId: '10001',
  kind: 'group',
  limit: 50,
  conversation: 'g:7',
  items: [
    { id: 'a', count: 0, flag: true, tags: ['x'] },
    { id: 'b', count: 3 },
  ],
  note: { text: 'hi' },
});

/** The RpcFailure the pipe refuses the payload with. */
function refusal(payload: unknown): unknown {
  try {
    pipe.transform(payload);
  } catch (error) {
    expect(error).toBeInstanceOf(RpcException);
    return (error as RpcException).getError();
  }
  throw new Error('the payload was accepted');
}

const refusedWith = (message: string) => ({
  code: RPC_BAD_REQUEST,
  message: `malformed payload: ${message}`,
});

describe('RpcPayloadPipe', () => {
  it('hands a payload of the schema over as it is', () => {
    const payload = valid();
    expect(pipe.transform(payload)).toBe(payload);
    expect(payload).toEqual(valid());
  });

  it('takes optional fields that are absent, undefined or null', () => {
    const payload = {
      ...valid(),
      note: undefined,
      items: [{ id: 'a', count: 1, flag: null, tags: undefined }],
    };
    expect(pipe.transform(payload)).toBe(payload);
  });

  it('removes the properties the schema does not name, at every depth, and keeps the rest', () => {
    const payload = {
      ...valid(),
      addedLater: 1,
      items: [{ id: 'a', count: 1, extra: 'x' }],
      note: { text: 'hi', colour: 'red' },
    };
    expect(pipe.transform(payload)).toEqual({
      ...valid(),
      items: [{ id: 'a', count: 1 }],
      note: { text: 'hi' },
    });
  });

  it.each([
    ['a string', { userId: 7 }, 'userId must be a string'],
    ['an integer', { limit: 1.5 }, 'limit must be an integer number'],
    ['an integer, not a numeric string', { limit: '5' }, 'limit must be an integer number'],
    ['at least its minimum', { limit: 0 }, 'limit must not be less than 1'],
    ['at most its maximum', { limit: 500 }, 'limit must not be greater than 200'],
    ['not empty', { userId: '' }, 'userId must not be empty'],
    ['one of its values', { kind: 'lobby' }, 'kind must be one of the following values: private, group'],
    ['of its pattern, in its own words', { conversation: 'p:1' }, "conversation must be 'group' or 'g:<id>'"],
    [
      'in its own words whatever the failure',
      { conversation: 3 },
      "conversation must be 'group' or 'g:<id>'",
    ],
    ['an array', { items: {} }, 'items must be an array'],
    ['an object', { note: 'hi' }, 'note must be an object'],
  ])('refuses a field that must be %s, naming it', (_, change, message) => {
    expect(refusal({ ...valid(), ...change })).toEqual(refusedWith(message));
  });

  it('names a missing field and what it must be', () => {
    const { limit: _, ...payload } = valid();
    expect(refusal(payload)).toEqual(refusedWith('limit must be an integer number'));
  });

  it('names a nested field by its path', () => {
    const payload = {
      ...valid(),
      items: [
        { id: 'a', count: 1 },
        { id: 'b', count: 1, tags: ['x', 2] },
      ],
    };
    expect(refusal(payload)).toEqual(refusedWith('items.1.tags.1 must be a string'));
    expect(refusal({ ...valid(), items: [{ count: -1 }] })).toEqual(
      refusedWith('items.0.id must be a string; items.0.count must not be less than 0'),
    );
    expect(refusal({ ...valid(), note: {} })).toEqual(refusedWith('note.text must be a string'));
  });

  it('names every failing field once', () => {
    expect(refusal({ ...valid(), userId: 1, limit: -0.5, kind: undefined })).toEqual(
      refusedWith(
        'kind must be one of the following values: private, group; userId must be a string; limit must be an integer number',
      ),
    );
  });

  it('names at most ten fields, and says how many more failed', () => {
    const items = Array.from({ length: 25 }, () => ({ id: 1, count: 0 }));
    const { message } = refusal({ ...valid(), items }) as { message: string };
    expect(message.split('; ')).toEqual([
      ...Array.from(
        { length: 10 },
        (_, i) => `${i ? '' : 'malformed payload: '}items.${i}.id must be a string`,
      ),
      'and 15 more fields',
    ]);
  });

  it.each([
    ['null', null],
    ['an array', [valid()]],
    ['a string', 'hello'],
    ['absent', undefined],
  ])('refuses a payload that is %s as a whole', (_, payload) => {
    expect(refusal(payload)).toEqual(refusedWith('payload must be an object'));
  });
});
