import { Module } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { MAX_NODE_ID, MessageIdGenerator } from '@cim/protocol';
import { AdminEnv } from '../config/admin.env';
import { SystemDelivery } from './system-delivery';
import { SystemMessages } from './system-messages';

/** System messages: their ids (CIM_NODE_ID=-1: a random node id) and their hand-over to the im-servers. */
@Module({
  providers: [
    {
      provide: MessageIdGenerator,
      inject: [AdminEnv],
      useFactory: (env: AdminEnv) =>
        new MessageIdGenerator(env.CIM_NODE_ID >= 0 ? env.CIM_NODE_ID : randomInt(MAX_NODE_ID + 1)),
    },
    SystemMessages,
    SystemDelivery,
  ],
  exports: [SystemMessages, SystemDelivery],
})
export class DeliveryModule {}
