import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { TokenClaims } from '@cim/auth';
import { AuthClaims, Authenticated } from '../auth/auth-claims.decorator';
import { ConversationParams } from '../conversations/dto/conversation.params';
import { ApiError } from '../errors/api-error.decorator';
import { MarkReadBody, ReadersQuery } from './dto/read-state.requests';
import { ReadersResponse, ReadPointerResponse } from './dto/read-state.responses';
import { ReadStateService } from './read-state.service';

const NOT_PART = 'The caller is not part of the conversation (not one of the pair, not a member).';

@ApiTags('conversations')
@Controller('conversations')
@Authenticated()
export class ReadStateController {
  constructor(private readonly readState: ReadStateService) {}

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @ApiResponse({ status: 200, description: 'The read pointer now.', type: ReadPointerResponse })
  @ApiError(400, "The conversation id or seq is invalid, or seq is beyond the conversation's last.")
  @ApiError(403, NOT_PART)
  async markRead(
    @AuthClaims() claims: TokenClaims,
    @Param() { id }: ConversationParams,
    @Body() { seq }: MarkReadBody,
  ): Promise<ReadPointerResponse> {
    const mark = { userId: claims.sub, conversation: id, seq };
    return { conversation: id, readSeq: await this.readState.markRead(mark) };
  }

  @Get(':id/readers')
  @ApiResponse({ status: 200, description: 'The members who have read up to seq.', type: ReadersResponse })
  @ApiError(400, 'The id is not a group (g:<id>), or seq is invalid.')
  @ApiError(403, NOT_PART)
  @ApiError(409, 'The group has more members than CIM_READ_RECEIPTS_MAX_GROUP.')
  readers(
    @AuthClaims() claims: TokenClaims,
    @Param() { id }: ConversationParams,
    @Query() { seq }: ReadersQuery,
  ): Promise<ReadersResponse> {
    return this.readState.readersOf(claims.sub, id, seq);
  }
}
