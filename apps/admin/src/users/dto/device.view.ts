import { ApiProperty } from '@nestjs/swagger';
import { DEVICE_KINDS } from '@cim/session-store';

/** One device a user is online on (or logging in from). */
export class DeviceView {
  @ApiProperty({ example: 'laptop-3f9c', description: '`default` for a login that named no device.' })
  deviceId: string;

  @ApiProperty({ enum: DEVICE_KINDS, example: 'terminal' })
  kind: string;

  @ApiProperty({ example: 'im-1', description: 'The im-server holding its connection.' })
  serverId: string;

  @ApiProperty({ description: 'When its login began, in ms since the epoch.', example: 1767225600000 })
  since: number;
}
