import { StoreMarker } from './store-marker';

/** Two markers of one store (two processes), and what makes the store lose its data. */
export interface MarkedStore {
  markers: [StoreMarker, StoreMarker];
  wipe(): Promise<void>;
}

/**
 * What every StoreMarker must do. `create` makes a fresh, empty store with two markers on it; the
 * markers are closed after each test.
 */
export function describeStoreMarkerContract(name: string, create: () => Promise<MarkedStore>): void {
  describe(`${name} (StoreMarker contract)`, () => {
    let store: MarkedStore;

    beforeEach(async () => {
      store = await create();
    });

    afterEach(async () => {
      await Promise.all(store.markers.map((m) => m.close()));
    });

    it('has no epoch until one is established, then answers the same one to every process', async () => {
      const [a, b] = store.markers;
      expect(await a.read()).toBeNull();
      const epoch = await a.establish();
      expect(epoch).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z\/[0-9a-f]{12}$/);
      expect(await a.establish()).toBe(epoch);
      expect(await b.establish()).toBe(epoch);
      expect(await b.read()).toBe(epoch);
    });

    it('establishes one epoch when many processes look at once', async () => {
      const [a, b] = store.markers;
      const epochs = await Promise.all([a, b, a, b, a, b].map((m) => m.establish()));
      expect(new Set(epochs).size).toBe(1);
    });

    it('loses its epoch with the data, and the next look establishes another', async () => {
      const [a, b] = store.markers;
      const before = await a.establish();
      await store.wipe();
      expect(await b.read()).toBeNull();
      const after = await b.establish();
      expect(after).not.toBe(before);
      expect(await a.read()).toBe(after);
    });
  });
}
