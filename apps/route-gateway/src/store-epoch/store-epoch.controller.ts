import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Transport } from '@nestjs/microservices';
import { GatewayPatterns, StoreEpochReply } from '@cim/protocol';
import { RpcErrorFilter } from '../errors/rpc-exception.filter';
import { StoreEpochService } from './store-epoch.service';

/** The im-servers ask for the store's epoch over Nest's TCP transport; the payload is not read. */
@Controller()
@UseFilters(RpcErrorFilter)
export class StoreEpochController {
  constructor(private readonly epoch: StoreEpochService) {}

  @MessagePattern(GatewayPatterns.StoreEpoch, Transport.TCP)
  async storeEpoch(): Promise<StoreEpochReply> {
    return { epoch: await this.epoch.look() };
  }
}
