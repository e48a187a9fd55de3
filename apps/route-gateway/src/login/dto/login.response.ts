import { DEVICE_KINDS, DeviceKind } from '@cim/session-store';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

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

  @ApiProperty({
    description:
      'Whether its client port and WebSocket URL speak TLS: verify the certificate against `host`.',
    example: true,
  })
  tls: boolean;

  @ApiProperty({ enum: ['tcp', 'websocket'], description: 'The carrier asked for: where to connect.' })
  carrier: 'tcp' | 'websocket';

  @ApiPropertyOptional({
    description: 'For the `websocket` carrier: the URL to open (one frame per binary message).',
    example: 'wss://im-1.cim.example.com:9003/',
  })
  url?: string;
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

export class LoginDevice {
  @ApiProperty({
    example: 'laptop-3f9c',
    description: 'The device the session is for (`default` when none was named).',
  })
  id: string;

  @ApiProperty({ enum: DEVICE_KINDS, example: 'terminal' })
  kind: DeviceKind;
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

  @ApiProperty({
    type: ServerAddress,
    description: 'The im-server to connect to, by the carrier asked for: `host`:`port` (TCP) or `url`.',
  })
  server: ServerAddress;

  @ApiProperty({ type: ResumeCredential, description: 'The resume credential of this device.' })
  resume: ResumeCredential;

  @ApiProperty({ type: LoginDevice, description: 'The device this session is for.' })
  device: LoginDevice;
}
