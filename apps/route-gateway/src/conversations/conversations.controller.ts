import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { TokenClaims } from '@cim/auth';
import { AuthClaims, Authenticated } from '../auth/auth-claims.decorator';
import { ApiError } from '../errors/api-error.decorator';
import { ConversationsService } from './conversations.service';
import { ConversationParams, HistoryPageQuery } from './dto/conversation.params';
import { ConversationListResponse, HistoryPageResponse } from './dto/conversation.responses';

@ApiTags('conversations')
@Controller('conversations')
@Authenticated()
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  @ApiResponse({ status: 200, description: "The caller's conversations.", type: ConversationListResponse })
  async mine(@AuthClaims() claims: TokenClaims): Promise<ConversationListResponse> {
    return { conversations: await this.conversations.list(claims.sub) };
  }

  @Get(':id/messages')
  @ApiResponse({ status: 200, description: 'A page of the history.', type: HistoryPageResponse })
  @ApiError(400, 'The conversation id, after, before or limit is invalid.')
  @ApiError(403, 'The caller is not part of the conversation (not one of the pair, not a member).')
  messages(
    @AuthClaims() claims: TokenClaims,
    @Param() params: ConversationParams,
    @Query() query: HistoryPageQuery,
  ): Promise<HistoryPageResponse> {
    return this.conversations.page(claims.sub, params.id, query);
  }
}
