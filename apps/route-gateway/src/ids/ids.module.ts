import { Logger, Module } from '@nestjs/common';
import { leaseNodeId, MessageIdGenerator } from '@cim/protocol';
import { SESSION_STORE, SessionStore } from '@cim/session-store';
import { GatewayEnv } from '../config/gateway.env';
import { CLOCK, ClockModule } from '../clock/clock.module';

/** One id generator per gateway; with CIM_NODE_ID=-1 its node id is leased from the session store. */
@Module({
  imports: [ClockModule],
  providers: [
    {
      provide: MessageIdGenerator,
      inject: [GatewayEnv, SESSION_STORE, CLOCK],
      useFactory: async (env: GatewayEnv, store: SessionStore, clock: () => number) => {
        const nodeId = await leaseNodeId(env.CIM_NODE_ID, store, (error) =>
          new Logger('MessageIds').warn(`no node id from the session store (${error.message}); a random one`),
        );
        return new MessageIdGenerator(nodeId, clock);
      },
    },
  ],
  exports: [MessageIdGenerator],
})
export class IdsModule {}
