import { IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { KickRequest } from '@cim/protocol';

/** im.kick: close a user's connection with KICKED. */
export class KickRequestDto implements KickRequest {
  @IsString()
  @IsNotEmpty()
  userId: string;

  @IsOptional()
  @IsString()
  sessionId?: string;

  @IsString()
  reason: string;
}
