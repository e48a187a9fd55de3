import { InvalidTokenError, TokenSigner } from './token-signer';
import { PasswordHasher } from './password-hasher';

const claims = { sub: '10001', name: 'alice', srv: 'im-1', sid: 's1' };

describe('TokenSigner', () => {
  let now = 1_000_000;
  const signer = new TokenSigner('a'.repeat(32), () => now);

  it('verifies the tokens it signs and returns their claims', () => {
    const { token, expiresAt } = signer.sign(claims, 60_000);
    expect(expiresAt).toBe(now + 60_000);
    expect(signer.verify(token)).toEqual({ ...claims, exp: expiresAt });
  });

  it('refuses an expired token', () => {
    const { token } = signer.sign(claims, 1000);
    now += 1000;
    expect(() => signer.verify(token)).toThrow(new InvalidTokenError('expired'));
  });

  it('refuses a token signed with another secret', () => {
    const { token } = new TokenSigner('b'.repeat(32), () => now).sign(claims, 1000);
    expect(() => signer.verify(token)).toThrow(/signature is invalid/);
  });

  it('refuses a token whose claims were changed', () => {
    const { token } = signer.sign(claims, 60_000);
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: '10002', exp: now + 60_000 })).toString(
      'base64url',
    );
    expect(() => signer.verify(`${forged}.${token.split('.')[1]}`)).toThrow(/signature is invalid/);
  });

  it.each(['', 'abc', '.sig', 'a.b.c'])('refuses the malformed token %p', (token) => {
    expect(() => signer.verify(token)).toThrow(InvalidTokenError);
  });
});

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher({ N: 1024, r: 8, p: 1 });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hasher.hash('s3cret!');
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$/);
    await expect(hasher.verify('s3cret!', stored)).resolves.toBe(true);
    await expect(hasher.verify('s3cret?', stored)).resolves.toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hasher.hash('same')).not.toBe(await hasher.hash('same'));
  });
});
