import { getMetadataStorage } from 'class-validator';
import { AdminEnv } from '../../apps/admin/src/config/admin.env';
import { ImServerEnv } from '../../apps/im-server/src/config/im-server.env';
import { GatewayEnv } from '../../apps/route-gateway/src/config/gateway.env';

export type EnvClass = new () => object;

/** What the manifests must agree with for one app of the image. */
export interface AppSpec {
  /** Its config class: each property is an environment variable, with its default. */
  env: EnvClass;
  /** Where the class came from, for messages. */
  envSource: string;
  /** Variables holding the ports it listens on: each must be a declared containerPort. */
  ports: string[];
  /** The variable of the internal HTTP port that serves /health, /ready and /metrics. */
  healthPort: string;
  /** The variable of the public API's port, if any: it must serve neither probes nor metrics. */
  publicPort?: string;
  /** It holds long-lived connections: its memory request must equal its limit (no overcommit). */
  holdsConnections: boolean;
  /** Variables that must be set explicitly: their defaults would be guesses in a cluster. */
  explicit: string[];
  /** Variables its config class declares (shared classes) but the app never reads: not to be set. */
  unread?: string[];
  /** The variable of the drain timeout that terminationGracePeriodSeconds must cover, if any. */
  drainTimeout?: string;
}

/**
 * The Redis Cluster store's variables, which the prod overlay sets (docs/deployment.md, "Redis
 * Cluster"): accepted for the apps that use Redis as if their config classes declared them. For a
 * variable a class does declare, this changes nothing: its value is checked as every other's.
 */
export const REDIS_CLUSTER_VARIABLES = ['CIM_REDIS_CLUSTER_NODES'];

/** The server apps the manifests run; the image's other apps (cim-client, embedded) are not deployed. */
export type AppName = 'im-server' | 'route-gateway' | 'admin';

/** The server apps of the image, each with its config class (GatewayEnv, ImServerEnv, AdminEnv). */
export const APPS: Record<AppName, AppSpec> = {
  'im-server': {
    env: ImServerEnv,
    envSource: 'ImServerEnv',
    ports: ['CIM_IM_CLIENT_PORT', 'CIM_IM_RPC_PORT', 'CIM_IM_HTTP_PORT'],
    healthPort: 'CIM_IM_HTTP_PORT',
    holdsConnections: true,
    // The im-server never touches Redis (docs/architecture.md): it gets no Redis password.
    unread: ['CIM_REDIS_URL', ...REDIS_CLUSTER_VARIABLES],
    explicit: ['CIM_SERVER_ID', 'CIM_IM_ADVERTISED_HOST', 'CIM_IM_RPC_ADVERTISED_HOST'],
    drainTimeout: 'CIM_DRAIN_TIMEOUT_MS',
  },
  'route-gateway': {
    env: GatewayEnv,
    envSource: 'GatewayEnv',
    ports: ['CIM_GATEWAY_HTTP_PORT', 'CIM_GATEWAY_RPC_PORT', 'CIM_GATEWAY_INTERNAL_PORT'],
    healthPort: 'CIM_GATEWAY_INTERNAL_PORT',
    publicPort: 'CIM_GATEWAY_HTTP_PORT',
    holdsConnections: true,
    explicit: ['CIM_GATEWAY_ID', 'CIM_GATEWAY_RPC_ADVERTISED_HOST'],
    drainTimeout: 'CIM_GATEWAY_DRAIN_MS',
  },
  admin: {
    env: AdminEnv,
    envSource: 'AdminEnv',
    ports: ['CIM_ADMIN_HTTP_PORT', 'CIM_ADMIN_INTERNAL_PORT'],
    healthPort: 'CIM_ADMIN_INTERNAL_PORT',
    publicPort: 'CIM_ADMIN_HTTP_PORT',
    holdsConnections: false,
    explicit: [],
  },
};

/** The variables a config class declares, read the way libs/config's loadConfig reads them. */
export function declaredVariables(cls: EnvClass): Set<string> {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  return new Set(metadata.map((m) => m.propertyName));
}

/** A variable's default: the initial value of the class's property. */
export function defaultOf(cls: EnvClass, name: string): unknown {
  return (new cls() as Record<string, unknown>)[name];
}
