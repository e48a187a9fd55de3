import { Type } from 'class-transformer';
import { IsArray, IsOptional, IsString, ValidateNested } from 'class-validator';
import { DeliverEntry, DeliverRequest } from '@cim/protocol';
import { StoredMessageDto } from './stored-message.dto';

export class DeliverEntryDto implements DeliverEntry {
  @ValidateNested()
  @Type(() => StoredMessageDto)
  message: StoredMessageDto;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  userIds?: string[];

  /** A group entry: every user connected here but this one. */
  @IsOptional()
  @IsString()
  allExcept?: string;
}

/** im.deliver: the messages a route-gateway or admin hands over to this server. */
export class DeliverRequestDto implements DeliverRequest {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DeliverEntryDto)
  entries: DeliverEntryDto[];
}
