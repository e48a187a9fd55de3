import { ErrorCode } from '@cim/protocol';
import { ClientFixture, eventually } from './testing/client-fixture';

describe('CimClient: placement away from an im-server that answered LOGIN busy', () => {
  let fixture: ClientFixture;

  beforeEach(async () => (fixture = await ClientFixture.start()));
  afterEach(() => fixture.stop());

  it('names the im-server that answered its LOGIN busy in its next resume, and none in a later reconnection', async () => {
    const backoff = { initialDelayMs: 10, maxDelayMs: 10, jitter: 0, spreadMs: 0, maxBusyDelayMs: 50 };
    const alice = fixture.client('alice', { backoff });
    await alice.start();
    const busy = { code: ErrorCode.Unavailable, text: 'this server is busy', retryAfterMs: 20 };
    fixture.servers[1].loginRefusals.push(busy);
    fixture.servers[0].closeAll();
    await eventually(() => expect(alice.recorder.reconnected).toEqual(['im-1']), 10_000);
    fixture.servers[0].closeAll();
    await eventually(() => expect(alice.recorder.reconnected).toEqual(['im-1', 'im-2']), 10_000);
    const resumes = fixture.gateway.paths('POST', '/api/resume').map((r) => r.body);
    expect(resumes.map((body) => body?.avoid)).toEqual([undefined, 'im-2', undefined]);
    expect(resumes.map((body) => Object.keys(body ?? {}).includes('avoid'))).toEqual([false, true, false]);
  });

  it('names the im-server that answered its first LOGIN busy when it starts, in a password login too', async () => {
    const busy = { code: ErrorCode.Unavailable, text: 'this server is busy', retryAfterMs: 20 };
    fixture.servers[0].loginRefusals.push(busy);
    fixture.gateway.revoked.add('resume-10001-1');
    const alice = fixture.client('alice');
    await expect(alice.start()).resolves.toMatchObject({ server: { id: 'im-2' } });
    const avoided = (path: string) => fixture.gateway.paths('POST', path).map((r) => r.body?.avoid);
    expect(avoided('/api/login')).toEqual([undefined, 'im-1']);
    expect(avoided('/api/resume')).toEqual(['im-1']);
  });

  it('names no im-server when a LOGIN fails otherwise than busy', async () => {
    const alice = fixture.client('alice', { backoff: { initialDelayMs: 10, jitter: 0, spreadMs: 0 } });
    await alice.start();
    fixture.servers[1].loginRefusals.push({ code: ErrorCode.Unavailable, text: 'route-gateway unavailable' });
    fixture.servers[0].closeAll();
    await eventually(() => expect(alice.recorder.reconnected).toEqual(['im-1']), 10_000);
    expect(fixture.gateway.paths('POST', '/api/resume').map((r) => r.body?.avoid)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('resumes without naming the server when the gateway refuses the field (one that predates it)', async () => {
    const backoff = { initialDelayMs: 10, maxDelayMs: 10, jitter: 0, spreadMs: 0, maxBusyDelayMs: 50 };
    const alice = fixture.client('alice', { backoff, loginRetries: 2 });
    await alice.start();
    fixture.gateway.refusesAvoid = true;
    fixture.servers[1].loginRefusals.push({ code: ErrorCode.Unavailable, text: 'busy', retryAfterMs: 20 });
    fixture.servers[0].closeAll();
    await eventually(() => expect(alice.recorder.reconnected).toEqual(['im-1']), 10_000);
    const resumes = fixture.gateway.paths('POST', '/api/resume').map((r) => r.body?.avoid);
    expect(resumes).toEqual([undefined, 'im-2', undefined]);
    expect(alice.recorder.reconnecting).toHaveLength(2);
  });
});
