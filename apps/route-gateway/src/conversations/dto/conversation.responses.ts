import { ApiProperty } from '@nestjs/swagger';

const KINDS = ['private', 'group', 'system', 'offline'];

export class HistoryMessageResponse {
  @ApiProperty({ example: '7380000000000000001' })
  messageId: string;

  @ApiProperty({ description: "The message's place in its conversation, from 1.", example: 42 })
  seq: number;

  @ApiProperty({ example: '10001' })
  senderId: string;

  @ApiProperty({ example: 'alice' })
  senderName: string;

  @ApiProperty({ description: "A private message's receiver; empty otherwise.", example: '10002' })
  receiverId: string;

  @ApiProperty({ enum: KINDS, example: 'group' })
  kind: string;

  @ApiProperty({ example: 'hello' })
  body: string;

  @ApiProperty({ description: 'Milliseconds since the Unix epoch.', example: 1_700_000_000_000 })
  sentAt: number;

  @ApiProperty({ description: "A group's message: the group's id.", required: false, example: '1' })
  groupId?: string;
}

export class HistoryPageResponse {
  @ApiProperty({ example: 'g:1' })
  conversation: string;

  @ApiProperty({ type: [HistoryMessageResponse], description: 'Ascending seq.' })
  messages: HistoryMessageResponse[];

  @ApiProperty({ description: 'The last seq the conversation handed out (0 for none).', example: 42 })
  lastSeq: number;
}

export class ConversationSummary {
  @ApiProperty({ example: 'p:10001:10002' })
  conversation: string;

  @ApiProperty({ description: 'The last seq handed out (0 for none).', example: 42 })
  lastSeq: number;

  @ApiProperty({
    type: HistoryMessageResponse,
    nullable: true,
    description: 'The newest message still kept, or null.',
  })
  lastMessage: HistoryMessageResponse | null;

  @ApiProperty({ description: 'The seq the caller has read up to (0: none).', example: 40 })
  readSeq: number;

  @ApiProperty({
    description: "lastSeq − readSeq; 0 when the newest message is the caller's own (docs/http-api.md).",
    example: 2,
  })
  unread: number;
}

export class ConversationListResponse {
  @ApiProperty({ type: [ConversationSummary], description: 'The newest message first; silent ones last.' })
  conversations: ConversationSummary[];
}
