import { UnauthorizedException } from '@nestjs/common';
import { PasswordHasher } from '@cim/auth';
import { LoginBlockedError } from '../login-attempts/login-blocked.error';
import { serverInfo } from '../testing/fake-im-servers';
import { createGatewayFixture } from '../testing/gateway-fixture';

/** Alice logged in once and her connection confirmed; her resume credential. */
async function loggedInAlice(overrides = {}) {
  const f = await createGatewayFixture(overrides);
  const id = await f.createUser('alice');
  const first = await f.login.login({ name: 'alice', password: 'password-1' });
  const claims = f.signer.verify(first.token);
  await f.sessions.opened({ userId: id, serverId: claims.srv, sessionId: claims.sid });
  return { f, id, first, credential: first.resume.credential };
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => new Error('resumed'),
    (error: Error) => error,
  );
}

describe('ResumeService', () => {
  afterEach(() => jest.restoreAllMocks());

  it('gives a new session on a live server for the credential of a login, without a password hash', async () => {
    const { f, id, first, credential } = await loggedInAlice();
    expect(first.resume.expiresAt).toBe(f.time.now + f.env.CIM_RESUME_TTL_MS);
    // im-1 died: it left the registry and does not answer (one that still answers keeps its users).
    await f.withdraw('im-1');
    f.servers.fail('im-1');
    const verify = jest.spyOn(PasswordHasher.prototype, 'verify');
    const answer = await f.resume.resume({ credential });
    expect(verify).not.toHaveBeenCalled();
    expect(answer).toMatchObject({ userId: id, name: 'alice', server: { id: 'im-2' }, resume: first.resume });
    const claims = f.signer.verify(answer.token);
    expect(claims).toMatchObject({ sub: id, name: 'alice', srv: 'im-2' });
    expect((await f.store.getRoute(id))?.sessionId).toBe(claims.sid);
  });

  it('places the session away from the im-server that answered the client busy, when another is live', async () => {
    const { f, credential } = await loggedInAlice();
    await f.publish(serverInfo('im-3', 9020));
    await f.withdraw('im-1');
    f.servers.fail('im-1');
    const answer = await f.resume.resume({ credential, avoid: 'im-3' });
    expect(answer.server.id).toBe('im-2');
    expect(f.signer.verify(answer.token).srv).toBe('im-2');
  });

  it.each([
    ['malformed', () => 'not-a-credential', 'resume credential is malformed'],
    [
      'forged',
      (c: string) => `${c.split('.')[0]}.${'A'.repeat(43)}`,
      'resume credential signature is invalid',
    ],
  ])('refuses a %s credential with 401 naming the cause', async (_case, spoil, cause) => {
    const { f, credential } = await loggedInAlice();
    const error = await refusal(f.resume.resume({ credential: spoil(credential) }));
    expect(error).toEqual(new UnauthorizedException(`${cause}; log in with the password`));
  });

  it('refuses an expired credential with 401 naming the cause', async () => {
    const { f, credential } = await loggedInAlice();
    f.time.now += f.env.CIM_RESUME_TTL_MS;
    const error = await refusal(f.resume.resume({ credential }));
    expect(error.message).toBe('resume credential has expired; log in with the password');
  });

  it('refuses a credential issued before a revocation, and honours the next login’s', async () => {
    const { f, id, credential } = await loggedInAlice({ CIM_LOGIN_POLICY: 'kick' });
    await f.store.revokeResumes(id);
    const error = await refusal(f.resume.resume({ credential }));
    expect(error).toBeInstanceOf(UnauthorizedException);
    expect(error.message).toBe('resume credential has been revoked; log in with the password');
    const again = await f.login.login({ name: 'alice', password: 'password-1' });
    await expect(f.resume.resume({ credential: again.resume.credential })).resolves.toMatchObject({
      userId: id,
    });
  });

  it('blocks an address after CIM_RESUME_MAX_FAILURES_PER_ADDRESS refusals, even a good credential', async () => {
    const { f, credential } = await loggedInAlice({
      CIM_RESUME_MAX_FAILURES_PER_ADDRESS: '3',
      CIM_LOGIN_BLOCK_SEC: '30',
      CIM_LOGIN_POLICY: 'kick',
    });
    for (let i = 0; i < 3; i++) await refusal(f.resume.resume({ credential: 'bad' }, '10.0.0.1'));
    const blocked = await refusal(f.resume.resume({ credential }, '10.0.0.1'));
    expect(blocked).toEqual(new LoginBlockedError(30, 'refused resumes from this address'));
    expect(blocked.message).toBe('too many refused resumes from this address; try again in 30 s');
    await expect(f.resume.resume({ credential }, '10.0.0.2')).resolves.toMatchObject({ name: 'alice' });
  });
});
