import { Logger } from '@nestjs/common';
import { bootstrapImServer } from './bootstrap';

async function main(): Promise<void> {
  const { clientPort, httpPort } = await bootstrapImServer(undefined, undefined, true);
  new Logger('im-server').log(`clients on :${clientPort}, health and metrics on :${httpPort}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
