import { Type } from 'class-transformer';
import { IsArray, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { ReadState, ReadStateNotice } from '@cim/protocol';

export class ReadStateDto implements ReadState {
  @IsString()
  conversation: string;

  @IsString()
  userId: string;

  @IsInt()
  @Min(0)
  seq: number;
}

export class NoticeSessionDto {
  @IsString()
  userId: string;

  @IsString()
  sessionId: string;
}

/** im.read-state: a READ_STATE for sessions connected to this server. */
export class ReadStateNoticeDto implements ReadStateNotice {
  @ValidateNested()
  @Type(() => ReadStateDto)
  readState: ReadStateDto;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => NoticeSessionDto)
  sessions: NoticeSessionDto[];
}
