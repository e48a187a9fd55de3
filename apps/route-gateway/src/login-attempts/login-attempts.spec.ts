import { UnauthorizedException } from '@nestjs/common';
import { PasswordHasher } from '@cim/auth';
import { createGatewayFixture } from '../testing/gateway-fixture';
import { LoginBlockedError } from './login-blocked.error';

const limits = {
  CIM_LOGIN_MAX_FAILURES_PER_USER: '3',
  CIM_LOGIN_MAX_FAILURES_PER_ADDRESS: '5',
  CIM_LOGIN_BLOCK_SEC: '60',
};

async function fixture() {
  const f = await createGatewayFixture(limits);
  await f.createUser('alice');
  const login = (name: string, password: string, address = '10.0.0.1') =>
    f.login.login({ name, password }, address);
  return { ...f, logIn: login };
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'logged in',
    (error: unknown) => error,
  );
}

describe('failed-login limiting', () => {
  afterEach(() => jest.restoreAllMocks());

  it('blocks a user after too many failures from any addresses, even with the right password', async () => {
    const f = await fixture();
    for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
      expect(await refusal(f.logIn('alice', 'wrong', address))).toBeInstanceOf(UnauthorizedException);
    }
    const blocked = await refusal(f.logIn('alice', 'password-1', '10.0.0.4'));
    expect(blocked).toBeInstanceOf(LoginBlockedError);
    expect((blocked as LoginBlockedError).retryAfterSec).toBe(60);
    expect((blocked as Error).message).toBe(
      'too many failed logins for this user or from this address; try again in 60 s',
    );
    await f.createUser('bob');
    await expect(f.logIn('bob', 'password-1', '10.0.0.4')).resolves.toMatchObject({ name: 'bob' });
  });

  it('blocks an address after too many failures for any names, known or not', async () => {
    const f = await fixture();
    for (const name of ['alice', 'x1', 'x2', 'x3', 'x4']) {
      expect(await refusal(f.logIn(name, 'wrong'))).toBeInstanceOf(UnauthorizedException);
    }
    await f.createUser('carol');
    expect(await refusal(f.logIn('carol', 'password-1'))).toBeInstanceOf(LoginBlockedError);
    await expect(f.logIn('carol', 'password-1', '10.0.0.9')).resolves.toMatchObject({ name: 'carol' });
  });

  it('blocks an unknown name like a known one, so that blocking does not tell which exist', async () => {
    const f = await fixture();
    for (let i = 0; i < 3; i++) await refusal(f.logIn('nobody', 'wrong', `10.0.1.${i}`));
    expect(await refusal(f.logIn('nobody', 'wrong', '10.0.1.9'))).toBeInstanceOf(LoginBlockedError);
  });

  it("forgets a user's failures when they log in", async () => {
    const f = await fixture();
    for (let i = 0; i < 2; i++) await refusal(f.logIn('alice', 'wrong'));
    const answer = await f.logIn('alice', 'password-1', '10.0.0.2');
    await f.login.logout(f.signer.verify(answer.token));
    for (let i = 0; i < 2; i++) await refusal(f.logIn('alice', 'wrong', '10.0.0.3'));
    await expect(f.logIn('alice', 'password-1', '10.0.0.3')).resolves.toMatchObject({ name: 'alice' });
  });

  it('checks one scrypt hash per login, for an unknown name as for a known one', async () => {
    const f = await fixture();
    const verify = jest.spyOn(PasswordHasher.prototype, 'verify');
    for (const [name, address] of [
      ['nobody', '10.0.2.1'],
      ['alice', '10.0.2.2'],
    ]) {
      verify.mockClear();
      expect(await refusal(f.logIn(name, 'wrong', address))).toBeInstanceOf(UnauthorizedException);
      expect(verify).toHaveBeenCalledTimes(1);
      expect(verify.mock.calls[0][1]).toMatch(new RegExp(`^scrypt\\$${f.env.CIM_SCRYPT_COST}\\$8\\$1\\$`));
    }
  });
});
