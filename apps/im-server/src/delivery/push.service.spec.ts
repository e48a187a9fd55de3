import { StoredMessage } from '@cim/protocol';
import { ConnectionRegistry } from '../connections/connection-registry';
import { ServerStats } from '../stats/server-stats';
import { Connection, SessionBinding } from '../transport/connection';
import { PushService } from './push.service';

/** A bound connection that records what is written to it. */
function connected(registry: ConnectionRegistry, session: Omit<SessionBinding, 'userName' | 'deviceKind'>) {
  const written: unknown[] = [];
  const connection = {
    session: { ...session, userName: session.userId, deviceKind: 'terminal' },
    open: true,
    write: (frame: unknown) => written.push(frame),
    writeBytes: (bytes: Buffer) => written.push(bytes),
  } as unknown as Connection;
  registry.bind(connection);
  return written;
}

const message = (over: Partial<StoredMessage> = {}): StoredMessage => ({
  messageId: 'm-1',
  seq: 1,
  senderId: '10001',
  senderName: 'alice',
  receiverId: '10002',
  kind: 'private',
  body: 'hi',
  sentAt: 1,
  senderDeviceId: 'laptop',
  ...over,
});

describe('PushService', () => {
  let registry: ConnectionRegistry;
  let push: PushService;

  beforeEach(() => {
    registry = new ConnectionRegistry();
    push = new PushService(registry, { sent: () => undefined } as unknown as ServerStats);
  });

  it("gives the sender's copy to her other devices, never back to the sending device on a later session", () => {
    const laptop = connected(registry, { userId: '10001', sessionId: 's-2', deviceId: 'laptop' });
    const phone = connected(registry, { userId: '10001', sessionId: 's-3', deviceId: 'phone' });
    // The SEND came from the laptop's session s-1; the laptop has logged in again since (s-2).
    push.deliver({ entries: [{ message: message(), userIds: ['10001'], skipSession: 's-1' }] });
    expect(laptop).toHaveLength(0);
    expect(phone).toHaveLength(1);
  });

  it('leaves the sending device out of a lobby message on any of its sessions', () => {
    const laptop = connected(registry, { userId: '10001', sessionId: 's-2', deviceId: 'laptop' });
    const phone = connected(registry, { userId: '10001', sessionId: 's-3', deviceId: 'phone' });
    const bob = connected(registry, { userId: '10002', sessionId: 's-9', deviceId: 'default' });
    const lobby = message({ receiverId: '', kind: 'group' });
    push.deliver({ entries: [{ message: lobby, allExcept: '10001', exceptSession: 's-1' }] });
    expect([laptop.length, phone.length, bob.length]).toEqual([0, 1, 1]);
  });
});
