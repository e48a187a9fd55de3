import { ErrorCode } from '@cim/protocol';
import { ImServerEnv } from '../config/im-server.env';
import { asClientFailure } from '../transport/client-frame.error';
import { ConfirmationQueue } from './confirmation-queue';

/** A queue of `max` places whose LOGINs wait `waitMs` at most. */
function queue(max: number, waitMs = 60_000) {
  const env = {
    CIM_MAX_SESSION_CONFIRMATIONS: max,
    CIM_SESSION_CONFIRMATION_WAIT_MS: waitMs,
    CIM_LOGIN_BUSY_RETRY_AFTER_MS: 2500,
  };
  return new ConfirmationQueue(env as ImServerEnv);
}

/** A confirmation that the test settles; `started` says whether the queue let it begin. */
function confirmation() {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const state = { started: false };
  const work = () => {
    state.started = true;
    return new Promise<string>((resolve, reject) => ((finish = resolve), (fail = reject)));
  };
  return { work, state, finish: (v = 'ok') => finish(v), fail: (e: Error) => fail(e) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ConfirmationQueue', () => {
  afterEach(() => jest.useRealTimers());

  it('runs at most its bound at once and starts the next waiting LOGIN, in arrival order, as one ends', async () => {
    const q = queue(2);
    const [a, b, c, d] = [confirmation(), confirmation(), confirmation(), confirmation()];
    const open = { open: true };
    const runs = [a, b, c, d].map((x) => q.run(open, x.work));
    await settle();
    expect([a, b, c, d].map((x) => x.state.started)).toEqual([true, true, false, false]);
    expect(q.load).toEqual({ underWay: 2, waiting: 2 });
    b.finish('b');
    await expect(runs[1]).resolves.toBe('b');
    await settle();
    expect([c, d].map((x) => x.state.started)).toEqual([true, false]);
    a.fail(new Error('gateway down'));
    await expect(runs[0]).rejects.toThrow('gateway down');
    await settle();
    expect(d.state.started).toBe(true);
    c.finish();
    d.finish();
    await Promise.all(runs.slice(2));
    expect(q.load).toEqual({ underWay: 0, waiting: 0 });
  });

  it('answers a LOGIN that waited too long UNAVAILABLE with retry_after_ms, closing, and never runs it', async () => {
    jest.useFakeTimers();
    const q = queue(1, 3000);
    const first = confirmation();
    const late = confirmation();
    const running = q.run({ open: true }, first.work);
    const refused = q.run({ open: true }, late.work).catch((error: unknown) => error);
    jest.advanceTimersByTime(3000);
    expect(asClientFailure(await refused)).toEqual({
      code: ErrorCode.Unavailable,
      text:
        'this server is busy confirming 1 sessions with the route-gateway (0 more waiting); ' +
        'try again in 2.5 s',
      close: true,
      retryAfterMs: 2500,
    });
    first.finish();
    await running;
    expect(late.state.started).toBe(false);
    expect(q.load).toEqual({ underWay: 0, waiting: 0 });
  });

  it('keeps the others in arrival order when a LOGIN in the middle of the line waited too long', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const env = {
      CIM_MAX_SESSION_CONFIRMATIONS: 1,
      CIM_SESSION_CONFIRMATION_WAIT_MS: 60_000,
      CIM_LOGIN_BUSY_RETRY_AFTER_MS: 2500,
    };
    const q = new ConfirmationQueue(env as ImServerEnv);
    const [first, a, b, c, d] = [
      confirmation(),
      confirmation(),
      confirmation(),
      confirmation(),
      confirmation(),
    ];
    const open = { open: true };
    const running = q.run(open, first.work);
    const runA = q.run(open, a.work);
    // b alone gives up after 1 s: it leaves from the middle of the line.
    env.CIM_SESSION_CONFIRMATION_WAIT_MS = 1000;
    const refusedB = q.run(open, b.work).catch((error: unknown) => error);
    env.CIM_SESSION_CONFIRMATION_WAIT_MS = 60_000;
    const [runC, runD] = [c, d].map((x) => q.run(open, x.work));
    jest.advanceTimersByTime(1000);
    expect(asClientFailure(await refusedB).text).toContain('(3 more waiting)');
    expect(q.load).toEqual({ underWay: 1, waiting: 3 });
    const started = () => [a, b, c, d].map((x) => x.state.started);
    first.finish();
    await running;
    await settle();
    expect(started()).toEqual([true, false, false, false]);
    a.finish();
    await runA;
    await settle();
    expect(started()).toEqual([true, false, true, false]);
    c.finish();
    await runC;
    await settle();
    expect(started()).toEqual([true, false, true, true]);
    d.finish();
    await runD;
    expect(q.load).toEqual({ underWay: 0, waiting: 0 });
  });

  it('does not confirm a LOGIN whose client left while it waited', async () => {
    const q = queue(1);
    const first = confirmation();
    const gone = confirmation();
    const next = confirmation();
    const client = { open: true };
    const running = q.run({ open: true }, first.work);
    const dropped = q.run(client, gone.work).catch((error: unknown) => error);
    const admitted = q.run({ open: true }, next.work);
    client.open = false;
    await settle();
    first.finish();
    await running;
    expect(asClientFailure(await dropped).text).toBe('the client left before its LOGIN was confirmed');
    await settle();
    expect([gone.state.started, next.state.started]).toEqual([false, true]);
    next.finish();
    await admitted;
  });
});
