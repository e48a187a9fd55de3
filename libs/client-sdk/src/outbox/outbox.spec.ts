import { Send, SEND_SEQ_WINDOW, SEND_SESSION_PATTERN } from '@cim/protocol';
import { Outbox } from './outbox';
import { RecordingConnection } from '../testing/recording-connection';

const connection = () => new RecordingConnection();
const asConnection = (c: RecordingConnection) => c.as;
const send = (n: number): Send => ({ clientMsgId: `c-${n}`, receiverId: '10002', body: `#${n}` });
const flushed = () => new Promise((resolve) => setImmediate(resolve));

describe('Outbox send seqs', () => {
  it('names a well-formed send session and numbers SENDs from 1 in the order made', () => {
    const outbox = new Outbox();
    const first = connection();
    for (let n = 1; n <= 3; n++) void outbox.add(send(n), asConnection(first));
    expect(outbox.sendSession).toMatch(SEND_SESSION_PATTERN);
    expect(new Outbox().sendSession).not.toBe(outbox.sendSession);
    expect(first.seqs).toEqual([1, 2, 3]);
  });

  it('re-sends an unanswered SEND on the next connection with the same seq and client message id', async () => {
    const outbox = new Outbox();
    const first = connection();
    const results = [1, 2, 3].map((n) => outbox.add(send(n), asConnection(first)));
    first.ack(1);
    first.drop();
    await flushed();
    const second = connection();
    outbox.flush(asConnection(second));
    expect(second.seqs).toEqual([1, 3]);
    expect(second.written.map((w) => w.send.clientMsgId)).toEqual(['c-1', 'c-3']);
    second.ack(0);
    second.ack(1);
    expect((await Promise.all(results)).map((r) => r.messageId)).toEqual(['m-1', 'm-2', 'm-3']);
  });

  it('holds back a SEND until no SEND a window or more below it is unanswered', async () => {
    const outbox = new Outbox();
    const live = connection();
    const total = SEND_SEQ_WINDOW + 3;
    for (let n = 1; n <= total; n++) void outbox.add(send(n), asConnection(live));
    expect(live.seqs).toEqual(Array.from({ length: SEND_SEQ_WINDOW }, (_, i) => i + 1));
    // Answering a later one does not move the window: seq 1 still waits.
    live.ack(5);
    await flushed();
    expect(live.written).toHaveLength(SEND_SEQ_WINDOW);
    live.ack(0);
    await flushed();
    expect(live.seqs.slice(SEND_SEQ_WINDOW)).toEqual([SEND_SEQ_WINDOW + 1]);
    live.ack(1);
    await flushed();
    expect(live.seqs.slice(SEND_SEQ_WINDOW)).toEqual([SEND_SEQ_WINDOW + 1, SEND_SEQ_WINDOW + 2]);
    expect(outbox.size).toBe(total - 3);
  });

  it('writes the held SENDs on the next connection when the one they waited for dropped', async () => {
    const outbox = new Outbox();
    const first = connection();
    const total = SEND_SEQ_WINDOW + 2;
    for (let n = 1; n <= total; n++) void outbox.add(send(n), asConnection(first));
    first.drop();
    await flushed();
    const second = connection();
    outbox.flush(asConnection(second));
    expect(second.seqs).toEqual(Array.from({ length: SEND_SEQ_WINDOW }, (_, i) => i + 1));
    second.ack(0);
    second.ack(1);
    await flushed();
    expect(second.seqs.slice(SEND_SEQ_WINDOW)).toEqual([SEND_SEQ_WINDOW + 1, SEND_SEQ_WINDOW + 2]);
  });
});
