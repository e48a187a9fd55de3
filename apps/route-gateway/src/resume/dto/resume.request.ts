import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Carrier, CARRIERS } from '../../login/dto/login.request';
import { DeviceRequest } from '../../login/dto/device.request';

/** A resume credential, as POST /api/login (or an earlier resume) answered it. */
export class ResumeRequest extends DeviceRequest {
  @ApiProperty({ description: 'The `resume.credential` of a login answer.' })
  @MaxLength(4096)
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
