import { HealthModule, registryProbe, storeProbe } from '@cim/observability';
import { REGISTRY, Registry } from '@cim/registry';
import { SESSION_STORE, SessionStore } from '@cim/session-store';

/**
 * /health, /ready and /metrics on the internal port. Ready once started (the internal port listens
 * last); Redis and ZooKeeper are shown in /health's body and never make a gateway unready: every
 * gateway shares them, and a request that needs one while it is down is answered 503.
 */
export const GatewayHealthModule = HealthModule.forRoot({
  serve: 'internal-port',
  inject: [SESSION_STORE, REGISTRY],
  probes: () => [],
  dependencies: (store: SessionStore, registry: Registry) => [storeProbe(store), registryProbe(registry)],
});
