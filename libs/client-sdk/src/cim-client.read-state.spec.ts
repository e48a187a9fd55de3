import { ErrorCode } from '@cim/protocol';
import { ReadReceipt } from './types';
import { CimError, CimServerError, NotReadyError } from './errors';
import { ClientFixture, eventually } from './testing/client-fixture';

describe('CimClient: read state', () => {
  let fixture: ClientFixture;

  beforeEach(async () => (fixture = await ClientFixture.start()));
  afterEach(() => fixture.stop());

  it('sends MARK_READ and resolves with where the pointer stands, as READ_STATE says', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    const server = fixture.serverOf(alice);
    server.markReadAnswer = (conversation) => ({ readState: { conversation, userId: '10001', seq: 9 } });
    expect(await alice.markRead('p:10001:10002', 4)).toBe(9);
    expect(server.frames('markRead')[0].markRead).toEqual({ conversation: 'p:10001:10002', seq: 4 });
  });

  it('rejects a MARK_READ the server refuses with its code and text', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    fixture.serverOf(alice).markReadAnswer = () => ({
      error: {
        code: ErrorCode.NotAMember,
        text: 'you are not part of conversation g:7',
        answers: 'markRead',
      },
    });
    const refused = await alice.markRead('g:7', 1).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CimServerError);
    expect(refused).toMatchObject({ code: ErrorCode.NotAMember, message: expect.stringMatching(/g:7/) });
  });

  it('rejects a MARK_READ left unanswered past its deadline, and keeps the connection', async () => {
    const alice = fixture.client('alice', { requestTimeoutMs: 300 });
    await alice.start();
    const server = fixture.serverOf(alice);
    server.markReadAnswer = () => 'silent';
    const late = await alice.markRead('group', 1).catch((error: unknown) => error);
    expect(late).toBeInstanceOf(CimError);
    expect((late as Error).message).toMatch(/no answer from .* within 300 ms/);
    expect(alice.state).toBe('ready');
    server.markReadAnswer = (conversation, seq) => ({ readState: { conversation, userId: '10001', seq } });
    expect(await alice.markRead('group', 1)).toBe(1);
  });

  it('refuses to mark before the client is ready', async () => {
    const alice = fixture.client('alice');
    await expect(alice.markRead('group', 1)).rejects.toBeInstanceOf(NotReadyError);
  });

  it('hands every READ_STATE the server pushes to onRead', async () => {
    const reads: ReadReceipt[] = [];
    const alice = fixture.client('alice', { hooks: { onRead: (read) => void reads.push(read) } });
    await alice.start();
    fixture
      .serverOf(alice)
      .writeAll({ readState: { conversation: 'p:10001:10002', userId: '10002', seq: 3 } });
    await eventually(() =>
      expect(reads).toEqual([{ conversation: 'p:10001:10002', userId: '10002', seq: 3 }]),
    );
  });
});
