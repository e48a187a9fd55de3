import { newEpoch, StoreMarker } from './store-marker';

/**
 * The marker of the in-memory store: its data lives as long as the process, so the epoch does too.
 * wipe() stands for the store losing its data (tests only: nothing in the apps calls it).
 */
export class MemoryStoreMarker implements StoreMarker {
  private epoch: null | string = null;

  establish(): Promise<string> {
    return Promise.resolve((this.epoch ??= newEpoch()));
  }

  read(): Promise<null | string> {
    return Promise.resolve(this.epoch);
  }

  onReconnect(): void {
    // The memory store never disconnects.
  }

  wipe(): void {
    this.epoch = null;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
