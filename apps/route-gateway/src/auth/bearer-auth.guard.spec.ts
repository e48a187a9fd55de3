import { ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { TokenSigner } from '@cim/auth';
import { MemorySessionStore } from '@cim/session-store';
import { AuthenticatedRequest, BearerAuthGuard } from './bearer-auth.guard';

describe('BearerAuthGuard', () => {
  const signer = new TokenSigner('s'.repeat(32));
  const store = new MemorySessionStore();
  const guard = new BearerAuthGuard(signer, store);
  const claims = { sub: '10001', name: 'alice', srv: 'im-1', sid: 'session-1' };

  function contextWith(authorization?: string): { context: ExecutionContext; request: AuthenticatedRequest } {
    const request: AuthenticatedRequest = { headers: { authorization } };
    const context = { switchToHttp: () => ({ getRequest: () => request }) } as ExecutionContext;
    return { context, request };
  }

  beforeAll(() => store.claimOnline({ userId: '10001', serverId: 'im-1', sessionId: 'session-1', since: 0 }));

  it("lets a token of the user's current session through and keeps its claims", async () => {
    const { context, request } = contextWith(`Bearer ${signer.sign(claims, 60_000).token}`);
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.claims).toMatchObject(claims);
  });

  it.each([
    [undefined, 'missing bearer token'],
    ['Basic abc', 'missing bearer token'],
    ['Bearer nonsense', 'token is malformed'],
    [`Bearer ${new TokenSigner('x'.repeat(32)).sign(claims, 60_000).token}`, 'token signature is invalid'],
    [`Bearer ${signer.sign({ ...claims, sid: 'session-0' }, 60_000).token}`, 'session ended'],
  ])('refuses %p with 401 %p', async (authorization, message) => {
    await expect(guard.canActivate(contextWith(authorization).context)).rejects.toThrow(
      new UnauthorizedException(message),
    );
  });
});
