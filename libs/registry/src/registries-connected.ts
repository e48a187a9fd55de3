import { INestApplicationContext } from '@nestjs/common';
import { GATEWAY_REGISTRY, REGISTRY, Registry } from './registry';

/**
 * Resolves once every registry the app has (REGISTRY, GATEWAY_REGISTRY) has connected. An app opens
 * its listeners after this: until the native ZooKeeper client first connects, each attempt that fails
 * leaves a watch on the descriptor of the socket it closed, and the client lets go of that watch only
 * when it connects, taking whatever socket got that number meanwhile out of the event loop. A listener
 * opened in between would never accept again. (Drops after the first connection are held off by
 * FreedDescriptorGuard.)
 */
export async function registriesConnected(app: INestApplicationContext): Promise<void> {
  const registries = [REGISTRY, GATEWAY_REGISTRY].flatMap((token) => {
    try {
      return [app.get<Registry>(token, { strict: false })];
    } catch {
      return [];
    }
  });
  await Promise.all(registries.map((registry) => registry.list()));
}
