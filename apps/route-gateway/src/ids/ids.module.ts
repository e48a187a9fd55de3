import { Module } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { GatewayEnv } from '../config/gateway.env';
import { CLOCK } from '../clock/clock.module';
import { MAX_NODE_ID, MessageIdGenerator } from '@cim/protocol';

/** One id generator per gateway; CIM_NODE_ID=-1 gives it a random node id. */
@Module({
  providers: [
    {
      provide: MessageIdGenerator,
      inject: [GatewayEnv, CLOCK],
      useFactory: (env: GatewayEnv, clock: () => number) =>
        new MessageIdGenerator(env.CIM_NODE_ID >= 0 ? env.CIM_NODE_ID : randomInt(MAX_NODE_ID + 1), clock),
    },
  ],
  exports: [MessageIdGenerator],
})
export class IdsModule {}
