import { AcknowledgeRequest } from '@cim/protocol';
import { GatewayClient } from '../gateway/gateway-client';
import { AckBatcher } from './ack-batcher';

describe('AckBatcher', () => {
  let calls: AcknowledgeRequest[];
  let batcher: AckBatcher;

  beforeEach(() => {
    calls = [];
    const gateway = {
      acknowledge: async (request: AcknowledgeRequest) => {
        calls.push(request);
        return { acknowledged: 0 };
      },
    };
    batcher = new AckBatcher(gateway as unknown as GatewayClient);
  });

  const flushed = () => new Promise((resolve) => setImmediate(resolve));
  const idsOf = (userId: string) =>
    calls.flatMap((c) => c.acks.filter((a) => a.userId === userId).flatMap((a) => a.messageIds));

  it('gathers the acks of one tick from every connection into one call', async () => {
    batcher.add('1', ['a', 'b']);
    batcher.add('2', ['c']);
    batcher.add('1', ['d']);
    await flushed();
    expect(calls).toEqual([
      {
        acks: [
          { userId: '1', messageIds: ['a', 'b', 'd'] },
          { userId: '2', messageIds: ['c'] },
        ],
      },
    ]);
  });

  it('forwards every id of a large DELIVERY_ACK, in calls of at most 1,000 ids', async () => {
    const ids = Array.from({ length: 2500 }, (_, i) => `m${i}`);
    batcher.add('1', ids);
    batcher.add('2', ['x']);
    await flushed();
    expect(idsOf('1')).toEqual(ids);
    expect(idsOf('2')).toEqual(['x']);
    for (const call of calls) {
      expect(call.acks.reduce((n, a) => n + a.messageIds.length, 0)).toBeLessThanOrEqual(1000);
    }
  });

  it('ignores empty ids and makes no call for none', async () => {
    batcher.add('1', ['', '']);
    await flushed();
    expect(calls).toEqual([]);
  });
});
