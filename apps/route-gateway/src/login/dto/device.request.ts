import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import {
  DEFAULT_DEVICE_ID,
  DEFAULT_DEVICE_KIND,
  Device,
  DEVICE_ID_FORM,
  DEVICE_ID_PATTERN,
  DEVICE_KINDS,
  DeviceKind,
} from '@cim/session-store';

/** The device a login or resume is for: both optional, for clients that predate devices. */
export class DeviceRequest {
  @ApiPropertyOptional({
    description:
      'The device logging in, an id the client chooses once and keeps (e.g. per machine or install). ' +
      `A user is online on each of their devices at once. Absent: \`${DEFAULT_DEVICE_ID}\`, which every ` +
      'login without a device shares.',
    example: 'laptop-3f9c',
  })
  @IsOptional()
  @Matches(DEVICE_ID_PATTERN, { message: `deviceId must be ${DEVICE_ID_FORM}` })
  deviceId?: string;

  @ApiPropertyOptional({
    description: `The kind of device (default \`${DEFAULT_DEVICE_KIND}\`).`,
    enum: DEVICE_KINDS,
  })
  @IsOptional()
  @IsIn(DEVICE_KINDS, { message: `deviceKind must be one of: ${DEVICE_KINDS.join(', ')}` })
  deviceKind?: DeviceKind;
}

/** DeviceRequest's fields for a DTO's AcceptedBySchema: what class-validator accepts of them, or less. */
export const DEVICE_SCHEMA_PROPERTIES = {
  deviceId: { type: 'string', pattern: DEVICE_ID_PATTERN.source },
  deviceKind: { type: 'string', enum: [...DEVICE_KINDS] },
};

/** The device a request names, with the defaults filled in. */
export function deviceOf({ deviceId, deviceKind }: DeviceRequest): Device {
  return { id: deviceId ?? DEFAULT_DEVICE_ID, kind: deviceKind ?? DEFAULT_DEVICE_KIND };
}
