import { MemoryStoreMarker } from '@cim/session-store';
import { GatewayError } from '../errors/gateway-error';
import { createGatewayFixture } from '../testing/gateway-fixture';
import { StoreEpochService } from './store-epoch.service';
import { STORE_RESET_TEXT } from './store-reset';

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
