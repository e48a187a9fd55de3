import { IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { KickRequest } from '@cim/protocol';

/** im.kick: close a user's connections (of a session, of a device, or all) with KICKED. */
export class KickRequestDto implements KickRequest {
  @IsString()
  @IsNotEmpty()
  userId: string;

  @IsOptional()
  @IsString()
  sessionId?: string;

  @IsOptional()
  @IsString()
  deviceId?: string;

  @IsString()
  reason: string;
}
