import { RPC_HELLO_PATTERN, RpcAuthenticator } from './rpc-authenticator';

describe('RpcAuthenticator', () => {
  let now = 1_000_000;
  const clock = () => now;
  const listener = new RpcAuthenticator('the shared secret', { now: clock, maxSkewMs: 1000 });

  it('accepts the hello of a caller holding the same secret, naming the caller', () => {
    const caller = new RpcAuthenticator('the shared secret', { now: clock });
    expect(listener.check(caller.hello('im-server im-1'))).toEqual({ peer: 'im-server im-1' });
  });

  it('refuses a hello made with another secret', () => {
    const stranger = new RpcAuthenticator('another secret', { now: clock });
    expect(listener.check(stranger.hello('im-server im-1'))).toEqual({ refused: 'wrong credential' });
  });

  it('refuses a hello whose name was changed after it was made', () => {
    const caller = new RpcAuthenticator('the shared secret', { now: clock });
    const hello = caller.hello('im-server im-1');
    hello.data.peer = 'im-server im-2';
    expect(listener.check(hello)).toEqual({ refused: 'wrong credential' });
  });

  it('refuses a first frame that is a call, not a hello', () => {
    expect(listener.check({ pattern: 'im.kick', data: { userId: 'u1' }, id: '1' })).toEqual({
      refused: 'no credential: the first frame is not a hello',
    });
    expect(listener.check(null)).toEqual({ refused: 'no credential: the first frame is not a hello' });
  });

  it('refuses a malformed hello', () => {
    expect(listener.check({ pattern: RPC_HELLO_PATTERN, data: { peer: 1 } })).toEqual({
      refused: 'malformed hello',
    });
  });

  it('refuses the same hello twice (a replay)', () => {
    const caller = new RpcAuthenticator('the shared secret', { now: clock });
    const hello = caller.hello('admin a1');
    expect(listener.check(hello)).toEqual({ peer: 'admin a1' });
    expect(listener.check(hello)).toEqual({ refused: 'replayed hello' });
  });

  it('refuses a hello made longer ago than the allowed skew', () => {
    const caller = new RpcAuthenticator('the shared secret', { now: clock });
    const hello = caller.hello('admin a1');
    now += 1001;
    expect(listener.check(hello)).toEqual({
      refused: 'hello is 1001 ms from this clock (more than 1000)',
    });
  });
});
