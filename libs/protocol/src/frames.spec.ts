import * as protobuf from 'protobufjs';
import {
  ChatMessage,
  DeliveryAck,
  ErrorBody,
  ErrorCode,
  Frame,
  FRAME_KINDS,
  Login,
  LoginAck,
  MarkRead,
  MessageBatch,
  MessageKind,
  Reason,
  ReadState,
  Send,
  SendAck,
  Sync,
  SyncBatch,
} from './frames';
import { protoPath } from './schema';

/** The proto type a TypeScript field type stands for: the compiler checks each row of MIRROR below. */
type ProtoType<V> = [V] extends [string]
  ? 'string'
  : [V] extends [boolean]
    ? 'bool'
    : [V] extends [number]
      ? [MessageKind | ErrorCode] extends [V]
        ? 'uint32' | 'uint64'
        : [MessageKind] extends [V]
          ? 'MessageKind'
          : 'ErrorCode'
      : [V] extends [(infer E)[]]
        ? `repeated ${ProtoType<E>}`
        : string;

/** Every field of a TypeScript shape, with its number and its proto type. */
type Fields<T> = { [K in keyof T]-?: [number, ProtoType<NonNullable<T[K]>>] };

/** The TypeScript mirror of proto/cim.proto, written against frames.ts' types. */
const MIRROR = {
  Frame: {
    requestId: [1, 'uint32'],
    login: [2, 'Login'],
    loginAck: [3, 'LoginAck'],
    ping: [4, 'Ping'],
    pong: [5, 'Pong'],
    send: [6, 'Send'],
    sendAck: [7, 'SendAck'],
    messages: [8, 'MessageBatch'],
    deliveryAck: [9, 'DeliveryAck'],
    kicked: [10, 'Kicked'],
    reconnect: [11, 'Reconnect'],
    error: [12, 'Error'],
    sync: [13, 'Sync'],
    syncBatch: [14, 'SyncBatch'],
    markRead: [15, 'MarkRead'],
    readState: [16, 'ReadState'],
  } satisfies Fields<Frame>,
  Login: {
    userId: [1, 'string'],
    token: [2, 'string'],
    protocolVersion: [3, 'uint32'],
    deviceId: [4, 'string'],
    deviceKind: [5, 'string'],
    sendSession: [7, 'string'],
  } satisfies Fields<Login>,
  LoginAck: {
    userId: [1, 'string'],
    userName: [2, 'string'],
    serverId: [3, 'string'],
    heartbeatIntervalMs: [4, 'uint32'],
    idleTimeoutMs: [5, 'uint32'],
    deviceId: [6, 'string'],
    deviceKind: [7, 'string'],
  } satisfies Fields<LoginAck>,
  Ping: {} satisfies Fields<NonNullable<Frame['ping']>>,
  Pong: {} satisfies Fields<NonNullable<Frame['pong']>>,
  Send: {
    clientMsgId: [1, 'string'],
    receiverId: [2, 'string'],
    group: [3, 'bool'],
    body: [4, 'string'],
    groupId: [5, 'string'],
    sendSeq: [6, 'uint64'],
  } satisfies Fields<Send>,
  SendAck: {
    clientMsgId: [1, 'string'],
    messageId: [2, 'string'],
    sentAt: [3, 'uint64'],
    duplicate: [4, 'bool'],
    seq: [5, 'uint64'],
  } satisfies Fields<SendAck>,
  Message: {
    messageId: [1, 'string'],
    seq: [2, 'uint64'],
    senderId: [3, 'string'],
    senderName: [4, 'string'],
    receiverId: [5, 'string'],
    kind: [6, 'MessageKind'],
    body: [7, 'string'],
    sentAt: [8, 'uint64'],
    groupId: [9, 'string'],
    senderDeviceId: [10, 'string'],
    senderDeviceKind: [11, 'string'],
  } satisfies Fields<ChatMessage>,
  MessageBatch: { messages: [1, 'repeated Message'] } satisfies Fields<MessageBatch>,
  Sync: {
    conversation: [1, 'string'],
    afterSeq: [2, 'uint64'],
    limit: [3, 'uint32'],
  } satisfies Fields<Sync>,
  SyncBatch: {
    conversation: [1, 'string'],
    messages: [2, 'repeated Message'],
    lastSeq: [3, 'uint64'],
    more: [4, 'bool'],
  } satisfies Fields<SyncBatch>,
  MarkRead: {
    conversation: [1, 'string'],
    seq: [2, 'uint64'],
  } satisfies Fields<MarkRead>,
  ReadState: {
    conversation: [1, 'string'],
    userId: [2, 'string'],
    seq: [3, 'uint64'],
  } satisfies Fields<ReadState>,
  DeliveryAck: { messageIds: [1, 'repeated string'] } satisfies Fields<DeliveryAck>,
  Kicked: { reason: [1, 'string'] } satisfies Fields<Reason>,
  Reconnect: { reason: [1, 'string'] } satisfies Fields<Reason>,
  Error: {
    code: [1, 'ErrorCode'],
    text: [2, 'string'],
    answers: [3, 'string'],
    clientMsgId: [4, 'string'],
    retryAfterMs: [5, 'uint32'],
  } satisfies Fields<ErrorBody>,
};

/** A numeric TypeScript enum as name → number, without its reverse mapping. */
function enumValues(e: Record<string, string | number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(e).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
  );
}

/** PRIVATE → Private, MESSAGE_KIND_UNSPECIFIED → Unspecified, BODY_TOO_LARGE → BodyTooLarge. */
function pascal(name: string, prefix: string): string {
  return name
    .replace(prefix, '')
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

describe('frames.ts against proto/cim.proto', () => {
  const root = protobuf.loadSync(protoPath());
  const cim = root.lookup('cim') as protobuf.Namespace;
  const types = cim.nestedArray.filter((n): n is protobuf.Type => n instanceof protobuf.Type);

  it('mirrors every message type of the .proto file and no other', () => {
    expect(types.map((t) => t.name).sort()).toEqual(Object.keys(MIRROR).sort());
  });

  it.each(Object.entries(MIRROR))('mirrors every field of %s: name, number and type', (name, fields) => {
    const type = root.lookupType(`cim.${name}`);
    const proto = Object.fromEntries(
      type.fieldsArray.map((f) => [f.name, [f.id, `${f.repeated ? 'repeated ' : ''}${f.type}`]]),
    );
    expect(proto).toEqual(fields);
  });

  it('lists every body field of Frame as a frame kind', () => {
    const body = root.lookupType('cim.Frame').oneofsArray[0].fieldsArray.map((f) => f.name);
    expect([...FRAME_KINDS].sort()).toEqual(body.sort());
  });

  it.each([
    ['MessageKind', MessageKind, 'MESSAGE_KIND_'],
    ['ErrorCode', ErrorCode, 'ERROR_CODE_'],
  ] as const)('mirrors every value of the enum %s', (name, mirror, prefix) => {
    const values = root.lookupEnum(`cim.${name}`).values;
    const proto = Object.fromEntries(
      Object.entries(values).map(([key, value]) => [pascal(key, prefix), value]),
    );
    expect(proto).toEqual(enumValues(mirror));
  });
});
