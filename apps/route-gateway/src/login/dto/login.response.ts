import { ApiProperty } from '@nestjs/swagger';

export class ServerAddress {
  @ApiProperty({ example: 'im-1' })
  id: string;

  @ApiProperty({
    description: 'The address the im-server advertises for clients.',
    example: 'im-1.cim.example.com',
  })
  host: string;

  @ApiProperty({ description: 'Its client port (length-delimited protobuf frames).', example: 9000 })
  port: number;
}

export class ResumeCredential {
  @ApiProperty({
    description:
      'Give it to POST /api/resume to get a new token without the password, e.g. after losing the ' +
      'connection. Kept secret like a password; revoked when an operator kicks the user.',
  })
  credential: string;

  @ApiProperty({
    description: 'When the credential expires, ms since the Unix epoch.',
    example: 1736298000000,
  })
  expiresAt: number;
}

export class LoginResponse {
  @ApiProperty({ example: '10001' })
  userId: string;

  @ApiProperty({ example: 'alice' })
  name: string;

  @ApiProperty({ description: 'Send it in LOGIN to the server below, and as `Authorization: Bearer` here.' })
  token: string;

  @ApiProperty({ description: 'When the token expires, ms since the Unix epoch.', example: 1735693200000 })
  expiresAt: number;

  @ApiProperty({ type: ServerAddress, description: 'The im-server to open the TCP connection to.' })
  server: ServerAddress;

  @ApiProperty({ type: ResumeCredential, description: 'The resume credential of this device.' })
  resume: ResumeCredential;
}
