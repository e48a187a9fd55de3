import { ErrorCode, Send, SEND_SEQ_WINDOW } from '@cim/protocol';
import { CimServerError, NotReadyError, SendTimeoutError } from '../errors';
import { Outbox } from './outbox';
import { MAX_UNANSWERED_REPEATS } from './send-policy';
import { RecordingConnection } from '../testing/recording-connection';
import { SendResult } from '../types';

const DEADLINE_MS = 1000;
const send = (n: number): Send => ({ clientMsgId: `c-${n}`, receiverId: '10002', body: `#${n}` });
/** Runs the timers due within `ms` and the promise callbacks they lead to. */
const elapse = (ms: number) => jest.advanceTimersByTimeAsync(ms);

/** What became of a send's promise so far. */
function watch(result: Promise<SendResult>) {
  const seen: { result?: SendResult; error?: Error } = {};
  result.then(
    (r) => (seen.result = r),
    (e: Error) => (seen.error = e),
  );
  return seen;
}

describe('Outbox deadline for an unanswered SEND', () => {
  let live: RecordingConnection | undefined;
  let outbox: Outbox;

  beforeEach(() => {
    jest.useFakeTimers();
    live = new RecordingConnection();
    outbox = new Outbox(() => live?.as, undefined, DEADLINE_MS);
  });

  afterEach(() => jest.useRealTimers());

  it('writes a SEND unanswered within the deadline again on the live connection, with the same client message id and send seq', async () => {
    const first = live!;
    const sent = watch(outbox.add(send(1), first.as));
    await elapse(DEADLINE_MS - 1);
    expect(first.written).toHaveLength(1);
    await elapse(1);
    expect(first.written.map((w) => [w.send.clientMsgId, Number(w.send.sendSeq)])).toEqual([
      ['c-1', 1],
      ['c-1', 1],
    ]);
    first.ack(1, true);
    await elapse(0);
    expect(sent.result).toEqual({ clientMsgId: 'c-1', messageId: 'm-1', sentAt: 1, duplicate: true });
    expect(outbox.size).toBe(0);
  });

  it('settles once on a late answer to the first write after the repeat was written, and clears its deadline', async () => {
    const first = live!;
    const sent = watch(outbox.add(send(1), first.as));
    await elapse(DEADLINE_MS);
    expect(first.written).toHaveLength(2);
    first.ack(0);
    await elapse(0);
    expect(sent.result).toMatchObject({ messageId: 'm-1', duplicate: false });
    first.ack(1, true);
    await elapse(10 * DEADLINE_MS);
    expect(sent.result).toMatchObject({ messageId: 'm-1', duplicate: false });
    expect(first.written).toHaveLength(2);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('refuses the SEND with SendTimeoutError after its repeats go unanswered, and writes the SENDs the window held behind it', async () => {
    const first = live!;
    const sent = [1, 2, SEND_SEQ_WINDOW + 1].map((n) => watch(outbox.add(send(n), first.as)));
    for (let n = 3; n <= SEND_SEQ_WINDOW; n++) void outbox.add(send(n), first.as);
    for (let i = 1; i < SEND_SEQ_WINDOW; i++) first.ack(i);
    await elapse(0);
    expect(first.seqs).not.toContain(SEND_SEQ_WINDOW + 1);
    await elapse(MAX_UNANSWERED_REPEATS * DEADLINE_MS);
    expect(first.seqs.filter((seq) => seq === 1)).toHaveLength(MAX_UNANSWERED_REPEATS + 1);
    expect(sent[0].error).toBeUndefined();
    await elapse(DEADLINE_MS);
    expect(sent[0].error).toBeInstanceOf(SendTimeoutError);
    expect(sent[0].error).toMatchObject({ clientMsgId: 'c-1', writes: MAX_UNANSWERED_REPEATS + 1 });
    expect(sent[0].error!.message).toContain(`${DEADLINE_MS} ms`);
    expect(sent[1].result).toMatchObject({ messageId: 'm-2' });
    expect(first.seqs.at(-1)).toBe(SEND_SEQ_WINDOW + 1);
    // Each write is forgotten by the connection only after the SEND would have been refused.
    expect(first.written[0].timeoutMs).toBeGreaterThan((MAX_UNANSWERED_REPEATS + 1) * DEADLINE_MS);
  });

  it('starts the deadline only when the window lets a held SEND be written', async () => {
    const first = live!;
    for (let n = 1; n <= SEND_SEQ_WINDOW + 1; n++) void outbox.add(send(n), first.as);
    for (let i = 1; i < SEND_SEQ_WINDOW; i++) first.ack(i);
    await elapse(DEADLINE_MS - 1);
    first.ack(0);
    await elapse(0);
    const held = SEND_SEQ_WINDOW + 1;
    expect(first.seqs.filter((seq) => seq === held)).toHaveLength(1);
    await elapse(DEADLINE_MS - 1);
    expect(first.seqs.filter((seq) => seq === held)).toHaveLength(1);
    await elapse(1);
    expect(first.seqs.filter((seq) => seq === held)).toHaveLength(2);
  });

  it('keeps a SEND whose connection drops for the next one, where its deadline starts again', async () => {
    const first = live!;
    const sent = watch(outbox.add(send(1), first.as));
    await elapse(DEADLINE_MS / 2);
    first.drop();
    live = undefined;
    await elapse(DEADLINE_MS);
    expect(first.written).toHaveLength(1);
    const second = new RecordingConnection();
    live = second;
    outbox.flush(second.as);
    expect(second.seqs).toEqual([1]);
    await elapse(DEADLINE_MS - 1);
    expect(second.written).toHaveLength(1);
    await elapse(1);
    expect(second.seqs).toEqual([1, 1]);
    outbox.failAll(new NotReadyError('closed'));
    await elapse(0);
    expect(sent.error).toBeInstanceOf(NotReadyError);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('runs no deadline during the pause after UNAVAILABLE, and one again once written anew', async () => {
    const first = live!;
    const sent = watch(outbox.add(send(1), first.as));
    await elapse(DEADLINE_MS - 100);
    first.written[0].fail(new CimServerError({ code: ErrorCode.Unavailable, text: 'busy' }));
    await elapse(250);
    expect(first.written).toHaveLength(2);
    await elapse(DEADLINE_MS - 1);
    expect(first.written).toHaveLength(2);
    await elapse(1);
    expect(first.written).toHaveLength(3);
    first.ack(2, true);
    await elapse(0);
    expect(sent.result).toMatchObject({ messageId: 'm-1', duplicate: true });
  });

  it('neither repeats nor refuses a SEND while nothing is heard on its connection, and repeats it once the server is heard again', async () => {
    const first = live!;
    const sent = watch(outbox.add(send(1), first.as));
    first.silence();
    await elapse(10 * DEADLINE_MS);
    expect(first.written).toHaveLength(1);
    expect(sent.error).toBeUndefined();
    first.resume();
    await elapse(DEADLINE_MS);
    expect(first.seqs).toEqual([1, 1]);
    // Silent again: the heartbeat takes the connection for lost, and the next one gets the SEND.
    first.silence();
    await elapse(10 * DEADLINE_MS);
    expect(first.written).toHaveLength(2);
    first.drop();
    const second = new RecordingConnection();
    live = second;
    outbox.flush(second.as);
    second.ack(0, true);
    await elapse(0);
    expect(sent.result).toMatchObject({ messageId: 'm-1', duplicate: true });
  });
});
