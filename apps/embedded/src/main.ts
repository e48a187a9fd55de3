import { Logger } from '@nestjs/common';
import { loadConfig } from '@cim/config';
import { bootstrapImServer } from '../../im-server/src/bootstrap';
import { ImServerEnv } from '../../im-server/src/config/im-server.env';
import { bootstrapRouteGateway } from '../../route-gateway/src/bootstrap';
import { GatewayEnv } from '../../route-gateway/src/config/gateway.env';

/**
 * The all-in-one mode: the route-gateway and one im-server in one process. On the in-memory store
 * and registry by default (nothing else installed); CIM_STORE=redis and CIM_REGISTRY=zookeeper run it
 * on the real services.
 */
async function main(): Promise<void> {
  const logger = new Logger('cim');
  const gatewayEnv = loadConfig(GatewayEnv);
  const imEnv = loadConfig(ImServerEnv);
  const gateway = await bootstrapRouteGateway(gatewayEnv);
  const im = await bootstrapImServer(imEnv);
  // The im-server drains first: its clients' unacked messages go back through the gateway.
  const stop = async () => {
    await im.app.close();
    await gateway.close();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
  const http = `http://127.0.0.1:${gatewayEnv.CIM_GATEWAY_HTTP_PORT}`;
  logger.log(`store: ${imEnv.CIM_STORE}, registry: ${imEnv.CIM_REGISTRY}`);
  logger.log(`route-gateway: ${http} (Swagger UI: ${http}/docs)`);
  logger.log(
    `im-server ${imEnv.CIM_SERVER_ID}: clients connect to ${imEnv.CIM_IM_ADVERTISED_HOST}:${im.clientPort}`,
  );
  logger.log(`chat: npm run client -- --name alice --gateway ${http}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
