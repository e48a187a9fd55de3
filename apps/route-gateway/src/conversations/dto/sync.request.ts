import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { SYNC_MAX_LIMIT, SyncRequest } from '@cim/protocol';
import { CONVERSATION_FORM, CONVERSATION_PATTERN } from '../conversation-access';

/** A client's SYNC as its im-server relays it (the im-server fills in the default limit). */
export class SyncRequestDto implements SyncRequest {
  @IsString()
  userId: string;

  @Matches(CONVERSATION_PATTERN, { message: `conversation must be ${CONVERSATION_FORM}` })
  conversation: string;

  @Min(0)
  @IsInt()
  afterSeq: number;

  @Min(1)
  @Max(SYNC_MAX_LIMIT)
  @IsInt()
  limit: number;
}
