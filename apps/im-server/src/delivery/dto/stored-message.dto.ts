import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Min } from 'class-validator';
import { StoredMessage } from '@cim/protocol';

/** A message handed over by a route-gateway, checked field by field before it reaches a client. */
export class StoredMessageDto implements StoredMessage {
  @IsString()
  @IsNotEmpty()
  messageId: string;

  @IsInt()
  @Min(0)
  seq: number;

  /** '' for a system message (the admin's broadcasts and pushes). */
  @IsString()
  senderId: string;

  @IsString()
  senderName: string;

  /** '' for a group message. */
  @IsString()
  receiverId: string;

  @IsIn(['private', 'group', 'system', 'offline'])
  kind: StoredMessage['kind'];

  @IsString()
  body: string;

  @IsInt()
  @Min(0)
  sentAt: number;

  /** Set on a message to a group with membership. */
  @IsOptional()
  @IsString()
  groupId?: string;

  /** The device a SEND came from, and its kind. */
  @IsOptional()
  @IsString()
  senderDeviceId?: string;

  @IsOptional()
  @IsString()
  senderDeviceKind?: string;
}
