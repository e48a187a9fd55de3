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

  /** A lobby entry: every user connected here but this one (all their devices, or exceptSession's). */
  @IsOptional()
  @IsString()
  allExcept?: string;

  /** With allExcept: only this session of that user is left out (the sending device). */
  @IsOptional()
  @IsString()
  exceptSession?: string;

  /** With userIds: this session (the sending device) is left out. */
  @IsOptional()
  @IsString()
  skipSession?: string;
}

/** im.deliver: the messages a route-gateway or admin hands over to this server. */
export class DeliverRequestDto implements DeliverRequest {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DeliverEntryDto)
  entries: DeliverEntryDto[];
}
