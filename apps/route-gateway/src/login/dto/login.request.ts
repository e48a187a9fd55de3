import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { USER_ID_FORM, USER_ID_PATTERN } from '@cim/session-store';
import { PlacementRequest } from './placement.request';

/** The ways a client can reach an im-server. */
export const CARRIERS = ['tcp', 'websocket'] as const;
export type Carrier = (typeof CARRIERS)[number];

/**
 * Name or user id, the password, the device, the carrier the client will connect by, and the im-server
 * that answered it busy.
 */
export class LoginRequest extends PlacementRequest {
  @ApiPropertyOptional({ description: 'The user name; give it or userId.', example: 'alice' })
  @ValidateIf((request: LoginRequest) => request.name !== undefined || request.userId === undefined)
  @IsString({ message: 'name must be a string (give name or userId)' })
  @IsNotEmpty()
  @MaxLength(32)
  name?: string;

  @ApiPropertyOptional({ description: 'The user id; give it or name.', example: '10001' })
  @ValidateIf((request: LoginRequest) => request.userId !== undefined)
  @Matches(USER_ID_PATTERN, { message: `$property must be ${USER_ID_FORM}` })
  userId?: string;

  @ApiProperty({ example: 'correct horse battery' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password: string;

  @ApiPropertyOptional({
    description:
      'How the client will reach its im-server: `tcp` (the default; host and port) or `websocket` ' +
      '(a ws:// or wss:// URL, for browsers).',
    enum: CARRIERS,
    default: 'tcp',
  })
  @IsOptional()
  @IsIn(CARRIERS, { message: `carrier must be one of: ${CARRIERS.join(', ')}` })
  carrier?: Carrier;
}
