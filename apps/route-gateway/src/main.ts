import { Logger } from '@nestjs/common';
import { loadConfig } from '@cim/config';
import { bootstrapRouteGateway } from './bootstrap';
import { GatewayEnv } from './config/gateway.env';
import { listeningAddresses } from './listening-addresses';

async function main(): Promise<void> {
  const env = loadConfig(GatewayEnv);
  const app = await bootstrapRouteGateway(env, undefined, true);
  const { http, rpc } = listeningAddresses(app);
  const logger = new Logger('route-gateway');
  logger.log(`HTTP API on http://${http}/api (Swagger UI: http://${http}/docs)`);
  logger.log(`im-server calls (Nest TCP transport) on ${rpc}`);
  logger.log(
    `health, readiness and metrics on http://${env.CIM_GATEWAY_INTERNAL_HOST}:${env.CIM_GATEWAY_INTERNAL_PORT}`,
  );
  logger.log(
    `store: ${env.CIM_STORE}, registry: ${env.CIM_REGISTRY}, login policy: ${env.CIM_LOGIN_POLICY}, route strategy: ${env.CIM_ROUTE_STRATEGY}`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
