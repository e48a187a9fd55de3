import { InvalidResumeCredentialError, ResumeCredentialSigner } from './resume-credential';
import { TokenSigner } from './token-signer';

const claims = { sub: '10001', name: 'alice', rid: 'r1', gen: 0 };
const secret = 'a'.repeat(32);

describe('ResumeCredentialSigner', () => {
  let now = 1_000_000;
  const signer = new ResumeCredentialSigner(secret, () => now);

  it('verifies the credentials it signs and returns their claims', () => {
    const { credential, expiresAt } = signer.sign(claims, 60_000);
    expect(expiresAt).toBe(now + 60_000);
    expect(signer.verify(credential)).toEqual({ ...claims, exp: expiresAt });
  });

  it('refuses an expired credential', () => {
    const { credential } = signer.sign(claims, 1000);
    now += 1000;
    expect(() => signer.verify(credential)).toThrow(new InvalidResumeCredentialError('expired'));
  });

  it('refuses a credential whose claims were changed', () => {
    const { credential } = signer.sign(claims, 60_000);
    const forged = Buffer.from(JSON.stringify({ ...claims, gen: 5, exp: now + 60_000 })).toString(
      'base64url',
    );
    expect(() => signer.verify(`${forged}.${credential.split('.')[1]}`)).toThrow(
      'resume credential signature is invalid',
    );
  });

  it('never takes a login token signed with the same secret for a credential, nor the reverse', () => {
    const tokens = new TokenSigner(secret, () => now);
    const { token } = tokens.sign({ sub: '10001', name: 'alice', srv: 'im-1', sid: 's1' }, 60_000);
    expect(() => signer.verify(token)).toThrow(new InvalidResumeCredentialError('bad-signature'));
    expect(() => tokens.verify(signer.sign(claims, 60_000).credential)).toThrow(/signature is invalid/);
  });

  it.each([
    ['empty', ''],
    ['without a signature', 'abc'],
    ['without claims', '.sig'],
    ['with two dots', 'a.b.c'],
    ['over 4 KiB', 'x'.repeat(5000)],
  ])('refuses a malformed credential: %s', (_case, value) => {
    expect(() => signer.verify(value)).toThrow(InvalidResumeCredentialError);
  });
});
