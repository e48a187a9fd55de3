import { Logger, Module } from '@nestjs/common';
import { leaseNodeId, MessageIdGenerator } from '@cim/protocol';
import { SESSION_STORE, SessionStore } from '@cim/session-store';
import { AdminEnv } from '../config/admin.env';
import { MetricsModule } from '../metrics/metrics.module';
import { ServersModule } from '../servers/servers.module';
import { SystemDelivery } from './system-delivery';
import { SystemMessages } from './system-messages';

/** System messages: their ids (CIM_NODE_ID=-1: a node id leased from the session store) and their hand-over. */
@Module({
  imports: [ServersModule, MetricsModule],
  providers: [
    {
      provide: MessageIdGenerator,
      inject: [AdminEnv, SESSION_STORE],
      useFactory: async (env: AdminEnv, store: SessionStore) => {
        const nodeId = await leaseNodeId(env.CIM_NODE_ID, store, (error) =>
          new Logger('MessageIds').warn(`no node id from the session store (${error.message}); a random one`),
        );
        return new MessageIdGenerator(nodeId);
      },
    },
    SystemMessages,
    SystemDelivery,
  ],
  exports: [SystemMessages, SystemDelivery],
})
export class DeliveryModule {}
