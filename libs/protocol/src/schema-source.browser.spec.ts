import { encodeFrameBody } from './codec/frame-body';
import { Frame } from './frames';
import { loadFrameType as fromDescriptor } from './schema-source.browser';
import { loadFrameType as fromFile } from './schema-source';

// What scripts/build-browser.js puts into the browser bundle, made the way the build makes it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { protoDescriptor } = require('../../../scripts/build-browser.js') as {
  protoDescriptor(): unknown;
};

describe('the schema the browser bundle carries', () => {
  beforeAll(() => Object.assign(globalThis, { CIM_PROTO_DESCRIPTOR: protoDescriptor() }));
  afterAll(() => delete (globalThis as { CIM_PROTO_DESCRIPTOR?: unknown }).CIM_PROTO_DESCRIPTOR);

  it('declares cim.Frame exactly as proto/cim.proto does', () => {
    expect(fromDescriptor().toJSON()).toEqual(fromFile().toJSON());
  });

  it('decodes what the servers encode, field for field', () => {
    const frames: Frame[] = [
      { requestId: 7, login: { userId: '10001', token: 't', protocolVersion: 2 } },
      { send: { clientMsgId: 'c-1', receiverId: '10002', body: 'héllo' } },
      {
        messages: {
          messages: [
            {
              messageId: 'm',
              seq: 2 ** 40,
              senderId: '1',
              senderName: 'a',
              receiverId: '2',
              kind: 1,
              body: 'b',
              sentAt: Date.now(),
            },
          ],
        },
      },
      { error: { code: 3, text: 'frame too large', answers: 'send' } },
    ];
    const browser = fromDescriptor();
    for (const frame of frames) {
      const decoded = browser.toObject(browser.decode(encodeFrameBody(frame)));
      expect(decoded).toEqual(fromFile().toObject(fromFile().decode(encodeFrameBody(frame))));
      expect(browser.encode(frame).finish()).toEqual(encodeFrameBody(frame));
    }
  });
});
