import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { SendBatchRequest, SendRequest } from '@cim/protocol';

/** A numbered SEND's sending session and seq; their form is checked in MessagesService. */
export class SendSeqDto {
  @IsString()
  session: string;

  @IsInt()
  seq: number;
}

/**
 * One client's SEND as its im-server relays it. Only the shape is checked here: what a client chose
 * (an empty body, a long client message id, no receiver) fails that SEND alone, in MessagesService.
 */
export class SendRequestDto implements SendRequest {
  @IsString()
  userId: string;

  @IsString()
  sessionId: string;

  @IsString()
  serverId: string;

  @IsOptional()
  @IsString()
  deviceId?: string;

  @IsOptional()
  @IsString()
  deviceKind?: string;

  @IsString()
  userName: string;

  @IsString()
  clientMsgId: string;

  @IsOptional()
  @IsString()
  receiverId?: string;

  @IsOptional()
  @IsBoolean()
  group?: boolean;

  @IsOptional()
  @IsString()
  groupId?: string;

  @IsString()
  body: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SendSeqDto)
  sendSeq?: SendSeqDto;
}

/** gateway.message.send-batch: the SEND frames of one tick on one im-server. */
export class SendBatchRequestDto implements SendBatchRequest {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SendRequestDto)
  requests: SendRequestDto[];
}
