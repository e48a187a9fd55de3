/** A dependency an app needs to serve: the check resolves when it is usable and throws (or rejects) when not. */
export interface ReadinessProbe {
  /** The key in the /ready answer, e.g. 'redis'. */
  name: string;
  check(): void | Promise<void>;
}

/** The token under which an app's readiness probes are provided. */
export const READINESS_PROBES = Symbol('READINESS_PROBES');

/** Redis (or the in-memory store) answers a PING. */
export function storeProbe(store: { ping(): Promise<void> }): ReadinessProbe {
  return { name: 'redis', check: () => store.ping() };
}

/** The registry is connected to ZooKeeper (the in-memory one always is). */
export function registryProbe(registry: { isConnected(): boolean }): ReadinessProbe {
  return {
    name: 'zookeeper',
    check: () => {
      if (!registry.isConnected()) throw new Error('not connected to ZooKeeper');
    },
  };
}
