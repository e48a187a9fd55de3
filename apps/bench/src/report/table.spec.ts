import { W4Result } from '../workloads/w4-membership';
import { resultRows } from './rows';
import { Carriers, formatCount, formatKib, formatMs, formatTable, Row } from './table';

describe('formatTable', () => {
  const rows: Row[] = [
    {
      workload: 'W1 private',
      metric: 'delivered',
      cim: '52,310 msgs/s',
      peer: '30,000 msgs/s',
      target: '≥ 50,000 msgs/s',
      met: true,
    },
    { workload: 'W1 private', metric: 'latency p50', cim: '3.10 ms', target: '' },
  ];

  it('lines up a Markdown table with the peer column, each system named with its carrier', () => {
    expect(formatTable(rows, { cim: 'ws', socketio: 'ws' }).split('\n')).toEqual([
      '| workload   | metric      | cim (WebSocket) | socket.io (WebSocket) | target          | cim meets it |',
      '|------------|-------------|-----------------|-----------------------|-----------------|--------------|',
      '| W1 private | delivered   | 52,310 msgs/s   | 30,000 msgs/s         | ≥ 50,000 msgs/s | yes          |',
      '| W1 private | latency p50 | 3.10 ms         | —                     |                 | —            |',
    ]);
  });

  it('leaves the peer column out without --peer', () => {
    expect(formatTable(rows, { cim: 'tcp' }).split('\n')[0]).toBe(
      '| workload   | metric      | cim (TCP)     | target          | cim meets it |',
    );
  });
});

describe('value formats', () => {
  it('writes counts with thousands separators, milliseconds by size, bytes in KiB', () => {
    expect(formatCount(52_310.4, 'msgs/s')).toBe('52,310 msgs/s');
    expect(formatCount(undefined)).toBe('—');
    expect(formatMs(3.104)).toBe('3.10 ms');
    expect(formatMs(48.26)).toBe('48.3 ms');
    expect(formatMs(153.2)).toBe('153 ms');
    expect(formatKib(8192)).toBe('8.0 KiB');
  });
});

describe('resultRows', () => {
  it('sets the workloads that ran side by side, judges cim against the targets, and shows failures', () => {
    const rows = resultRows(
      {
        cim: {
          W1: {
            users: 1000,
            senders: 200,
            window: 4,
            seconds: 10,
            deliveredPerSec: 60_000,
            p50Ms: 3,
            p99Ms: 70,
            sentPerSec: 60_000,
            duplicates: 0,
            errors: 0,
            placement: {},
            cpu: {},
          },
          W3: { error: 'boom' },
        },
        socketio: { W1: { error: 'down' } },
      },
      50_000,
      { cim: 'tcp', socketio: 'ws' },
    );
    expect(rows.map((r) => [r.metric, r.cim, r.peer, r.met])).toEqual([
      ['delivered', '60,000 msgs/s', 'failed', undefined],
      ['latency p50', '3.00 ms', 'failed', undefined],
      ['latency p99', '70.0 ms', 'failed', undefined],
      ['connections held', 'failed', '—', undefined],
      ['RSS per connection', 'failed', '—', undefined],
      ['password logins', 'failed', '—', undefined],
      ['resumes', 'failed', '—', undefined],
    ]);
    expect(rows[3].target).toBe('50,000');
  });

  it('judges targets relative to Socket.IO against the peer of the same run', () => {
    const w1 = (deliveredPerSec: number, p50Ms: number, p99Ms: number) => ({
      users: 100,
      senders: 100,
      window: 1,
      seconds: 10,
      deliveredPerSec,
      p50Ms,
      p99Ms,
      sentPerSec: deliveredPerSec,
      duplicates: 0,
      errors: 0,
      placement: {},
      cpu: {},
    });
    const rows = resultRows(
      {
        cim: { W1: w1(30_000, 5, 20), W1L: w1(9_000, 2, 8) },
        socketio: { W1: w1(25_000, 6, 30), W1L: w1(10_000, 3, 7) },
      },
      50_000,
      { cim: 'tcp', socketio: 'ws' },
    );
    expect(rows.map((r) => [r.workload, r.metric, r.met])).toEqual([
      ['W1 private', 'delivered', false],
      ['W1 private', 'latency p50', undefined],
      ['W1 private', 'latency p99', true],
      ["W1' latency-bound", 'delivered', false],
      ["W1' latency-bound", 'latency p50', true],
      ["W1' latency-bound", 'latency p99', false],
    ]);
  });

  it("judges W4 against Socket.IO rooms only on the same carrier, and shows Socket.IO's catch-up as n/a", () => {
    const w4 = (deliveriesPerSec: number, catchUp: W4Result['catchUp']): W4Result => ({
      members: 100,
      online: 50,
      seconds: 2,
      deliveriesPerSec,
      messagesPerSec: deliveriesPerSec / 49,
      errors: 0,
      cpu: {},
      catchUp,
    });
    const results = {
      cim: { W4: w4(5_000, { missed: 1_000, received: 1_000, seconds: 0.5, messagesPerSec: 2_000 }) },
      socketio: { W4: w4(4_000, { notApplicable: 'no history' }) },
    };
    const judged = (carriers: Carriers) =>
      resultRows(results, 1_000, carriers).map((r) => [r.workload, r.metric, r.cim, r.peer, r.met]);
    expect(judged({ cim: 'ws', socketio: 'ws' })).toEqual([
      ['W4 group with membership', 'deliveries', '5,000 /s', '4,000 /s', true],
      ['W4 group with membership', 'messages', '102 msgs/s', '82 msgs/s', undefined],
      ['W4 group with membership', 'latency p50', '—', '—', undefined],
      ['W4 group with membership', 'latency p99', '—', '—', undefined],
      ['W4 catch-up', 'synced', '2,000 msgs/s', 'n/a', undefined],
    ]);
    expect(judged({ cim: 'tcp', socketio: 'ws' })[0]).toEqual([
      'W4 group with membership',
      'deliveries',
      '5,000 /s',
      '4,000 /s',
      undefined,
    ]);
  });
});
