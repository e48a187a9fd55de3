/** A check an app runs on request: it resolves when what it checks is usable and throws (or rejects) when not. */
export interface ReadinessProbe {
  /** The key in the answer, e.g. 'redis'. */
  name: string;
  check(): void | Promise<void>;
}

/**
 * The token of an app's readiness probes: the state of the process itself (started, registered), never
 * of a service every replica shares. A shared service's outage answered by unready pods would take
 * every replica out of its Services at once; the app answers such requests with 503 instead.
 */
export const READINESS_PROBES = Symbol('READINESS_PROBES');

/** The token of an app's dependency checks (Redis, ZooKeeper): reported in /health's body, never failing it. */
export const DEPENDENCY_CHECKS = Symbol('DEPENDENCY_CHECKS');

/** How long each probe or dependency check may take before it counts as failed. */
export const CHECK_TIMEOUT_MS = 2000;

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

/** Runs a check within CHECK_TIMEOUT_MS: its failure's message, or undefined when it passed. */
export async function runCheck(probe: ReadinessProbe): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([Promise.resolve().then(() => probe.check()), timeout]);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}
