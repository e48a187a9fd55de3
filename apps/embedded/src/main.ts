import { Logger } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { loadConfig } from '@cim/config';
import { bootstrapAdmin } from '../../admin/src/bootstrap';
import { AdminEnv, DEVELOPMENT_ADMIN_API_KEY } from '../../admin/src/config/admin.env';
import { bootstrapImServer } from '../../im-server/src/bootstrap';
import { ImServerEnv } from '../../im-server/src/config/im-server.env';
import { bootstrapRouteGateway } from '../../route-gateway/src/bootstrap';
import { GatewayEnv } from '../../route-gateway/src/config/gateway.env';
import { prettyLogsOnTerminal } from './terminal-logs';

/**
 * The all-in-one mode: the route-gateway, one im-server and the admin app in one process. On the
 * in-memory store and registry by default (nothing else installed); CIM_STORE=redis and
 * CIM_REGISTRY=zookeeper run it on the real services.
 */
async function main(): Promise<void> {
  prettyLogsOnTerminal();
  const logger = new Logger('cim');
  const gatewayEnv = loadConfig(GatewayEnv);
  const imEnv = loadConfig(ImServerEnv, withWebOrigins(gatewayEnv));
  const adminEnv = loadConfig(AdminEnv);
  // Handlers first, so that a signal during start-up stops what has started (as PID 1 of a container,
  // an unhandled SIGTERM would be ignored). The apps close in the reverse of their start: the admin
  // first, then the im-server drains (its clients are told to reconnect, and the gateway hears that
  // they left), then the gateway.
  const started: { close(): Promise<void> }[] = [];
  const stop = async () => {
    for (const app of started.reverse()) await app.close();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
  started.push(await bootstrapRouteGateway(gatewayEnv));
  const im = await bootstrapImServer(imEnv);
  started.push(im.app);
  const admin = await bootstrapAdmin(adminEnv);
  started.push(admin);
  const http = `http://127.0.0.1:${gatewayEnv.CIM_GATEWAY_HTTP_PORT}`;
  const adminUrl = `http://127.0.0.1:${(admin.getHttpServer().address() as AddressInfo).port}`;
  const adminKey =
    adminEnv.CIM_ADMIN_API_KEY === DEVELOPMENT_ADMIN_API_KEY
      ? `x-api-key: ${DEVELOPMENT_ADMIN_API_KEY} (the development key)`
      : 'x-api-key: the value of CIM_ADMIN_API_KEY';
  logger.log(`embedded mode ready (store: ${imEnv.CIM_STORE}, registry: ${imEnv.CIM_REGISTRY})`);
  // For the person who typed `npm start`: plain lines beside the logs.
  console.log(
    [
      '',
      `cim is running (store: ${imEnv.CIM_STORE}, registry: ${imEnv.CIM_REGISTRY})`,
      `  route-gateway  ${http}   Swagger UI: ${http}/docs`,
      `  im-server      ${imEnv.CIM_SERVER_ID}, clients connect to ${imEnv.CIM_IM_ADVERTISED_HOST}:${im.clientPort} or ${im.wsUrl}`,
      `  admin          ${adminUrl}   Swagger UI: ${adminUrl}/docs`,
      `                 ${adminKey}`,
      `  web chat       ${http}/app/   (open it in a browser)`,
      `  chat           npm run client -- --name alice --gateway ${http}`,
      '',
    ].join('\n'),
  );
}

/**
 * The environment, with the web app's origins (the gateway's port on this machine) allowed on the
 * im-server's WebSocket port unless CIM_IM_WS_ORIGINS says otherwise: the page `npm start` prints works.
 */
function withWebOrigins(gatewayEnv: GatewayEnv): NodeJS.ProcessEnv {
  if (process.env.CIM_IM_WS_ORIGINS) return process.env;
  const port = gatewayEnv.CIM_GATEWAY_HTTP_PORT;
  const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  return { ...process.env, CIM_IM_WS_ORIGINS: origins.join(',') };
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
