import { IsNotEmpty, IsOptional, IsString, Matches } from 'class-validator';
import { DEVICE_ID_PATTERN } from '@cim/session-store';
import { SessionClosedRequest, SessionRef } from '@cim/protocol';

/** gateway.session.opened: a LOGIN an im-server accepted. */
export class SessionRefDto implements SessionRef {
  @IsString()
  @IsNotEmpty()
  userId: string;

  @IsString()
  @IsNotEmpty()
  sessionId: string;

  @IsString()
  @IsNotEmpty()
  serverId: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  incarnation?: string;

  @IsOptional()
  @Matches(DEVICE_ID_PATTERN)
  deviceId?: string;

  @IsOptional()
  @IsString()
  deviceKind?: string;
}

/** gateway.session.closed: a connection that ended, and why. */
export class SessionClosedRequestDto extends SessionRefDto implements SessionClosedRequest {
  @IsString()
  reason: string;
}
