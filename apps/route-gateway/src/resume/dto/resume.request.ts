import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** A resume credential, as POST /api/login (or an earlier resume) answered it. */
export class ResumeRequest {
  @ApiProperty({ description: 'The `resume.credential` of a login answer.' })
  @MaxLength(4096)
  @IsNotEmpty()
  @IsString()
  credential: string;
}
