import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { GatewayPatterns, ServerLeaseReply, ServerLeaseRequest } from '@cim/protocol';
import { RpcPayloadPipe } from '@cim/rpc';
import { RpcErrorFilter } from '../errors/rpc-exception.filter';
import { SERVER_LEASE_SCHEMA } from './dto/server-lease.schema';
import { ServerRunsService } from './server-runs.service';

/** The im-servers' leases on their runs, over Nest's TCP transport; payloads validated. */
@Controller()
@UseFilters(RpcErrorFilter)
export class ServerRunsController {
  constructor(private readonly runs: ServerRunsService) {}

  @MessagePattern(GatewayPatterns.ServerLease, Transport.TCP)
  lease(
    @Payload(new RpcPayloadPipe(SERVER_LEASE_SCHEMA)) request: ServerLeaseRequest,
  ): Promise<ServerLeaseReply> {
    return this.runs.hold(request);
  }
}
