import { IsBoolean, IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { ServerLeaseRequest } from '@cim/protocol';

/** gateway.server.lease: an im-server run takes or renews its lease. */
export class ServerLeaseRequestDto implements ServerLeaseRequest {
  @IsString()
  @IsNotEmpty()
  serverId: string;

  @IsString()
  @IsNotEmpty()
  incarnation: string;

  @IsInt()
  @Min(1000)
  @Max(600_000)
  ttlMs: number;

  @IsBoolean()
  first: boolean;
}
