import { RecentIds } from '../dedup';
import { SendResult } from '../types';
import { OwnSends } from './own-sends';

describe('OwnSends', () => {
  it('holds settled() until the sends to that conversation are answered, and marks their ids seen', async () => {
    const seen = new RecentIds();
    const own = new OwnSends(seen);
    let answer!: (result: SendResult) => void;
    void own.track('p:1:2', new Promise<SendResult>((resolve) => (answer = resolve)));
    let settled = false;
    const waiting = own.settled('p:1:2').then(() => (settled = true));
    await own.settled('g:7');
    await Promise.resolve();
    expect(settled).toBe(false);
    answer({ clientMsgId: 'c', messageId: 'm1', sentAt: 1, duplicate: false });
    await waiting;
    expect(seen.has('m1')).toBe(true);
  });

  it('lets settled() go on once a send is refused', async () => {
    const own = new OwnSends(new RecentIds());
    const refused = own.track('g:7', Promise.reject(new Error('not a member')));
    await expect(refused).rejects.toThrow('not a member');
    await own.settled('g:7');
  });
});
