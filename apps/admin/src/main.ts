import { Logger } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { loadConfig } from '@cim/config';
import { bootstrapAdmin } from './bootstrap';
import { AdminEnv } from './config/admin.env';

async function main(): Promise<void> {
  const env = loadConfig(AdminEnv);
  const app = await bootstrapAdmin(env, undefined, true);
  const { address, port } = app.getHttpServer().address() as AddressInfo;
  const logger = new Logger('admin');
  logger.log(`admin API on http://${address}:${port}/api (Swagger UI: http://${address}:${port}/docs)`);
  logger.log(
    `health, readiness and metrics on http://${env.CIM_ADMIN_INTERNAL_HOST}:${env.CIM_ADMIN_INTERNAL_PORT}`,
  );
  logger.log(`store: ${env.CIM_STORE}, registry: ${env.CIM_REGISTRY}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
