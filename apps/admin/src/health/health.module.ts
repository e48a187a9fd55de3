import { HealthModule, registryProbe, storeProbe } from '@cim/observability';
import { REGISTRY, Registry } from '@cim/registry';
import { SESSION_STORE, SessionStore } from '@cim/session-store';

/** /health, and /ready once Redis answers and ZooKeeper is connected. */
export const AdminHealthModule = HealthModule.forRoot({
  inject: [SESSION_STORE, REGISTRY],
  probes: (store: SessionStore, registry: Registry) => [storeProbe(store), registryProbe(registry)],
});
