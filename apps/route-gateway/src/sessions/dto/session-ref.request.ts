import { IsNotEmpty, IsOptional, IsString } from 'class-validator';
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
}

/** gateway.session.closed: a connection that ended, and why. */
export class SessionClosedRequestDto extends SessionRefDto implements SessionClosedRequest {
  @IsString()
  reason: string;
}
