import { ErrorCode } from '@cim/protocol';
import { CimServerError } from './errors';
import { ClientFixture } from './testing/client-fixture';

const notCurrent = {
  code: ErrorCode.NotLoggedIn,
  text: "session s1 on im-1 is not user 10001's current login: log in again",
};

describe('CimClient: a SEND refused because the login is no longer current', () => {
  let fixture: ClientFixture;

  beforeEach(async () => (fixture = await ClientFixture.start(1)));
  afterEach(() => fixture.stop());

  it('logs in again and delivers the message once, with the same client message id', async () => {
    const server = fixture.servers[0];
    let refusals = 1;
    server.sendAnswer = () => (refusals-- > 0 ? notCurrent : 'ack');
    const alice = fixture.client('alice');
    await alice.start();

    await expect(alice.sendPrivate('bob', 'after the login was lost')).resolves.toMatchObject({
      duplicate: false,
    });

    expect(server.frames('login')).toHaveLength(2);
    const sends = server.received.filter((r) => r.frame.send);
    expect(sends).toHaveLength(2);
    expect(new Set(sends.map((r) => r.frame.send!.clientMsgId)).size).toBe(1);
    expect(sends[1].socket).not.toBe(sends[0].socket);
    expect(server.accepted.size).toBe(1);
    expect(alice.state).toBe('ready');
    expect(alice.recorder.reconnected).toEqual(['im-1']);
  });

  it('refuses the send with NotLoggedIn when every new login is refused too, and stays ready', async () => {
    fixture.servers[0].sendAnswer = () => notCurrent;
    const alice = fixture.client('alice');
    await alice.start();

    const error = await alice.sendPrivate('bob', 'never current').catch((e: Error) => e);

    expect(error).toBeInstanceOf(CimServerError);
    expect(error).toMatchObject({ code: ErrorCode.NotLoggedIn });
    expect(fixture.servers[0].frames('login')).toHaveLength(4);
    expect(alice.state).toBe('ready');
  });
});
