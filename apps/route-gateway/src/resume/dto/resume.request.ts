import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { AcceptedBySchema } from '@cim/http-api';
import { Carrier, CARRIERS } from '../../login/dto/login.request';
import { DEVICE_SCHEMA_PROPERTIES } from '../../login/dto/device.request';
import { AVOID_SCHEMA_PROPERTY, PlacementRequest } from '../../login/dto/placement.request';

const MAX_CREDENTIAL_LENGTH = 4096;

/**
 * A resume credential, as POST /api/login (or an earlier resume) answered it. A crowd reconnecting at
 * once sends many of these: a well-formed one is checked by its compiled schema alone.
 */
@AcceptedBySchema({
  type: 'object',
  properties: {
    credential: { type: 'string', minLength: 1, maxLength: MAX_CREDENTIAL_LENGTH },
    carrier: { type: 'string', enum: [...CARRIERS] },
    ...DEVICE_SCHEMA_PROPERTIES,
    ...AVOID_SCHEMA_PROPERTY,
  },
  required: ['credential'],
  additionalProperties: false,
})
export class ResumeRequest extends PlacementRequest {
  @ApiProperty({ description: 'The `resume.credential` of a login answer.' })
  @MaxLength(MAX_CREDENTIAL_LENGTH)
  @IsNotEmpty()
  @IsString()
  credential: string;

  @ApiPropertyOptional({
    enum: CARRIERS,
    description: 'How the client will connect to the im-server, as for POST /api/login (default `tcp`).',
  })
  @IsOptional()
  @IsIn(CARRIERS, { message: `carrier must be one of: ${CARRIERS.join(', ')}` })
  carrier?: Carrier;
}
