import { randomBytes, randomInt } from 'node:crypto';
import { encodeFrame, Frame } from '@cim/protocol';

/** Frames a logged-in client may legitimately send, to mutate. */
export function seedFrames(receiverId: string): Buffer[] {
  const frames: Frame[] = [
    { requestId: 1, ping: {} },
    { requestId: 2, send: { clientMsgId: 'fuzz-1', receiverId, body: 'fuzz body' } },
    { requestId: 3, send: { clientMsgId: 'fuzz-2', group: true, body: 'to all' } },
    { requestId: 4, deliveryAck: { messageIds: ['0001', '0002'] } },
    { requestId: 5, login: { userId: receiverId, token: 'x.y' } },
  ];
  return frames.map(encodeFrame);
}

/**
 * One fuzzed frame: a seed with a few bytes flipped, inserted or cut, or pure random bytes; the
 * length prefix is rewritten to match the mutated body most of the time, so that the decoder reaches
 * protobuf parsing rather than stopping at the length.
 */
export function mutate(seeds: Buffer[]): Buffer {
  const choice = randomInt(10);
  if (choice === 0) return randomBytes(randomInt(1, 64));
  const seed = seeds[randomInt(seeds.length)];
  const body = Buffer.from(seed.subarray(1));
  const flips = randomInt(1, 4);
  for (let i = 0; i < flips; i++) body[randomInt(body.length)] = randomInt(256);
  const mutated = choice === 1 ? Buffer.concat([body, randomBytes(randomInt(1, 8))]) : body;
  if (choice === 2) return Buffer.concat([Buffer.from([randomInt(256)]), mutated]);
  return Buffer.concat([varint(mutated.length), mutated]);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    bytes.push(byte);
  } while (value);
  return Buffer.from(bytes);
}
