import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { SERVER_ID_FORM, SERVER_ID_PATTERN } from '@cim/registry';
import { DeviceRequest } from './device.request';

/** The device a login or resume is for, and the im-server it would rather not be placed on. */
export class PlacementRequest extends DeviceRequest {
  @ApiPropertyOptional({
    description:
      'The id of the im-server that last answered this client’s LOGIN busy (ERROR UNAVAILABLE with ' +
      '`retry_after_ms`) while it was logging in: the session goes to another live im-server when there ' +
      'is one (never refused for it), and this gateway passes that server over for other logins for a ' +
      'few seconds. An id of no live im-server is ignored.',
    example: 'im-2',
  })
  @IsOptional()
  @Matches(SERVER_ID_PATTERN, { message: `avoid must be an im-server id: ${SERVER_ID_FORM}` })
  avoid?: string;
}

/** PlacementRequest's fields for a DTO's AcceptedBySchema: what class-validator accepts of them, or less. */
export const AVOID_SCHEMA_PROPERTY = { avoid: { type: 'string', pattern: SERVER_ID_PATTERN.source } };
