import { Controller, UseFilters, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { GatewayPatterns, ServerLeaseReply } from '@cim/protocol';
import { RpcValidationPipe } from '@cim/rpc';
import { RpcErrorFilter } from '../errors/rpc-exception.filter';
import { ServerLeaseRequestDto } from './dto/server-lease.request';
import { ServerRunsService } from './server-runs.service';

/** The im-servers' leases on their runs, over Nest's TCP transport; payloads validated. */
@Controller()
@UseFilters(RpcErrorFilter)
@UsePipes(RpcValidationPipe)
export class ServerRunsController {
  constructor(private readonly runs: ServerRunsService) {}

  @MessagePattern(GatewayPatterns.ServerLease, Transport.TCP)
  lease(@Payload() request: ServerLeaseRequestDto): Promise<ServerLeaseReply> {
    return this.runs.hold(request);
  }
}
