import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { MetricNames, ROUTE_LATENCY_BUCKETS } from './metric-names';

/** A check that resolves (or returns true) when a dependency is up; a rejection or false counts as down. */
export type UpCheck = () => boolean | Promise<boolean | void>;

const UP_CHECK_TIMEOUT_MS = 2000;

/**
 * Makes cim's metrics on an app's registry, with the names, help texts and labels every app shares.
 * An app makes only the ones that concern it.
 */
export const cimMetrics = {
  logins(registry: Registry, help: string): Counter {
    return new Counter({ name: MetricNames.Logins, help, registers: [registry] });
  },

  messagesIn(registry: Registry, help: string): Counter<'kind'> {
    return new Counter({ name: MetricNames.MessagesIn, help, labelNames: ['kind'], registers: [registry] });
  },

  messagesOut(registry: Registry, help: string): Counter<'kind'> {
    return new Counter({ name: MetricNames.MessagesOut, help, labelNames: ['kind'], registers: [registry] });
  },

  messagesInboxed(registry: Registry): Counter<'kind'> {
    return new Counter({
      name: MetricNames.MessagesInboxed,
      help: 'Messages kept in an offline inbox, by kind.',
      labelNames: ['kind'],
      registers: [registry],
    });
  },

  routeLatency(registry: Registry): Histogram {
    return new Histogram({
      name: MetricNames.RouteLatency,
      help: "Seconds from accepting a message to the im-server's Deliver reply.",
      buckets: ROUTE_LATENCY_BUCKETS,
      registers: [registry],
    });
  },

  errors(registry: Registry): Counter<'cause'> {
    return new Counter({
      name: MetricNames.Errors,
      help: 'Requests and frames refused or failed, by cause.',
      labelNames: ['cause'],
      registers: [registry],
    });
  },

  /** A gauge read at scrape time. */
  connections(registry: Registry, count: () => number): Gauge {
    return new Gauge({
      name: MetricNames.Connections,
      help: 'Logged-in client connections on this im-server.',
      registers: [registry],
      collect() {
        this.set(count());
      },
    });
  },

  /** cim_redis_up: whether the session store answers a PING. */
  redisUp(registry: Registry, store: { ping(): Promise<void> }): Gauge {
    return cimMetrics.up(
      registry,
      MetricNames.RedisUp,
      'Whether the session store answers a PING (1) or not (0).',
      () => store.ping(),
    );
  },

  /** cim_zookeeper_up: whether the registry is connected. */
  zooKeeperUp(registry: Registry, servers: { isConnected(): boolean }): Gauge {
    return cimMetrics.up(
      registry,
      MetricNames.ZooKeeperUp,
      'Whether the registry is connected to ZooKeeper.',
      () => servers.isConnected(),
    );
  },

  /** cim_registered_servers: read at scrape time; no sample when the list takes more than 2 s or fails. */
  registeredServers(registry: Registry, servers: { list(): Promise<unknown[]> }): Gauge {
    return new Gauge({
      name: MetricNames.RegisteredServers,
      help: 'im-servers registered in ZooKeeper.',
      registers: [registry],
      async collect() {
        let count: number | undefined;
        await passes(async () => {
          count = (await servers.list()).length;
        });
        if (count === undefined) this.remove();
        else this.set(count);
      },
    });
  },

  /** 1 when the check passes within 2 s at scrape time, else 0. */
  up(registry: Registry, name: string, help: string, check: UpCheck): Gauge {
    return new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set((await passes(check)) ? 1 : 0);
      },
    });
  },
};

async function passes(check: UpCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), UP_CHECK_TIMEOUT_MS);
  });
  try {
    const result = Promise.resolve()
      .then(check)
      .then((r) => r !== false);
    return await Promise.race([result, timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
