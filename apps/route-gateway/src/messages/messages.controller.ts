import { Body, Controller, ForbiddenException, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { TokenClaims } from '@cim/auth';
import { AuthClaims, Authenticated } from '../auth/auth-claims.decorator';
import { ApiError, TOO_LARGE } from '../errors/api-error.decorator';
import { GroupMessageRequest } from './dto/group-message.request';
import { MessageAcceptedResponse, PrivateMessageAcceptedResponse } from './dto/message-accepted.response';
import { PrivateMessageRequest } from './dto/private-message.request';
import { Accepted, MessagesService, Sender } from './messages.service';

@ApiTags('messages')
@Controller('messages')
@Authenticated()
@ApiError(400, 'A field is invalid, or the body is empty or longer than CIM_MAX_BODY_BYTES.')
@ApiError(403, "userId is not the token's user.")
@ApiError(413, TOO_LARGE)
@ApiError(429, 'The sender sends faster than CIM_SEND_RATE_PER_SEC (bucket of CIM_SEND_BURST).')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post('group')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiResponse({
    status: 202,
    description: 'Handed to every im-server, for everyone online but the sender.',
    type: MessageAcceptedResponse,
  })
  sendGroup(@AuthClaims() claims: TokenClaims, @Body() request: GroupMessageRequest): Promise<Accepted> {
    return this.messages.sendGroup(senderOf(claims, request.userId), request.body);
  }

  @Post('private')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiResponse({
    status: 202,
    description: "Handed to the receiver's im-server, or kept in their inbox.",
    type: PrivateMessageAcceptedResponse,
  })
  @ApiError(404, 'The receiver is not a registered user.')
  sendPrivate(
    @AuthClaims() claims: TokenClaims,
    @Body() request: PrivateMessageRequest,
  ): Promise<PrivateMessageAcceptedResponse> {
    return this.messages.sendPrivate(senderOf(claims, request.userId), request.receiverId, request.body);
  }
}

/** Nobody sends as someone else: the sender named in the body must be the token's user. */
function senderOf(claims: TokenClaims, userId: string): Sender {
  if (userId !== claims.sub)
    throw new ForbiddenException(`userId must be the logged-in user (${claims.sub})`);
  return { id: claims.sub, name: claims.name };
}
