import { MemoryStoreMarker } from '@cim/session-store';
import { GatewayError } from '../errors/gateway-error';
import { createGatewayFixture } from '../testing/gateway-fixture';
import { StoreEpochService } from './store-epoch.service';
import { STORE_RESET_TEXT } from './store-reset';
import { SendBatchService } from '../messages/send-batch.service';

describe('StoreEpochService', () => {
  let marker: MemoryStoreMarker;
  let epoch: StoreEpochService;

  beforeEach(async () => {
    marker = new MemoryStoreMarker();
    epoch = new StoreEpochService(marker);
    await epoch.look();
  });

  it('confirms a write while the store keeps its epoch', async () => {
    await expect(epoch.confirm(epoch.epoch)).resolves.toBeUndefined();
  });

  it('refuses to confirm once the store lost its data, re-establishes the marker and tells its listeners once', async () => {
    const before = epoch.epoch;
    const resets: string[] = [];
    epoch.onReset(() => resets.push(epoch.epoch!));
    marker.wipe();
    await expect(epoch.confirm(before)).rejects.toEqual(new GatewayError('StoreReset', STORE_RESET_TEXT));
    const after = await epoch.look();
    expect(after).not.toBe(before);
    expect(await marker.read()).toBe(after);
    expect(resets).toEqual([after]);
    // What began in the old epoch stays refused; what begins in the new one is confirmed.
    await expect(epoch.confirm(before)).rejects.toThrow(STORE_RESET_TEXT);
    await expect(epoch.confirm(epoch.epoch)).resolves.toBeUndefined();
  });

  it('takes the epoch at the first look when the store had not answered before', async () => {
    const late = new StoreEpochService(marker);
    expect(late.epoch).toBeUndefined();
    await late.confirm(undefined);
    expect(late.epoch).toBe(epoch.epoch);
  });
});

describe('messages sent over HTTP across a store reset', () => {
  it('are refused, naming the reset, when the store lost its marker since they began', async () => {
    const f = await createGatewayFixture();
    const alice = await f.createUser('alice');
    const bob = await f.createUser('bob');
    await f.messages.sendPrivate({ id: alice, name: 'alice' }, bob, 'before');
    f.storeMarker.wipe();
    await expect(f.messages.sendPrivate({ id: alice, name: 'alice' }, bob, 'during')).rejects.toThrow(
      STORE_RESET_TEXT,
    );
    await f.storeEpoch.look();
    await expect(f.messages.sendGroup({ id: alice, name: 'alice' }, 'after')).resolves.toBeDefined();
    f.storeMarker.wipe();
    await expect(f.messages.sendGroup({ id: alice, name: 'alice' }, 'during')).rejects.toThrow(
      STORE_RESET_TEXT,
    );
  });
});

describe('SENDs relayed by an im-server across a store reset', () => {
  it('are refused when the store lost its data between the session check and the answer', async () => {
    const f = await createGatewayFixture();
    const alice = await f.createUser('alice');
    const bob = await f.createUser('bob');
    await f.store.claimOnline({ userId: alice, serverId: 'im-1', sessionId: 's-1', since: 0 });
    const batches = new SendBatchService(f.store, f.messages, f.metrics, f.storeEpoch);
    const send = (clientMsgId: string) => ({
      userId: alice,
      userName: 'alice',
      serverId: 'im-1',
      sessionId: 's-1',
      clientMsgId,
      receiverId: bob,
      body: 'hi',
    });
    const [before] = (await batches.send([send('c-1')])).results;
    expect(before).toEqual({ reply: expect.objectContaining({ duplicate: false }) });
    const accept = f.store.acceptMessage.bind(f.store);
    jest.spyOn(f.store, 'acceptMessage').mockImplementationOnce((acceptance) => {
      f.storeMarker.wipe();
      return accept(acceptance);
    });
    const [during] = (await batches.send([send('c-2')])).results;
    expect(during).toEqual({ failure: { code: 'StoreReset', message: STORE_RESET_TEXT } });
  });
});
