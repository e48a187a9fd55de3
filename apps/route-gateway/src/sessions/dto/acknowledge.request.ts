import { Type } from 'class-transformer';
import { IsArray, IsNotEmpty, IsString, ValidateNested } from 'class-validator';
import { AcknowledgeRequest } from '@cim/protocol';

export class UserAcksDto {
  @IsString()
  @IsNotEmpty()
  userId: string;

  @IsArray()
  @IsString({ each: true })
  messageIds: string[];
}

/** gateway.delivery.ack: the DELIVERY_ACKs of one tick on one im-server. */
export class AcknowledgeRequestDto implements AcknowledgeRequest {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => UserAcksDto)
  acks: UserAcksDto[];
}
