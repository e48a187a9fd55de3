import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { Frame, ImServerPatterns, ReadStateNotice, ReadStateNoticeReply } from '@cim/protocol';
import { RpcPayloadPipe } from '@cim/rpc';
import { CIM_CLIENT_TRANSPORT, ClientPatterns } from '../transport/client-transport.constants';
import { Connection } from '../transport/connection';
import { READ_STATE_NOTICE_SCHEMA } from './dto/read-state-notice.schema';
import { MarkReadService } from './mark-read.service';
import { ReadStatePushService } from './read-state-push.service';

/**
 * MARK_READ frames from clients, and READ_STATE notices from the route-gateway (im.read-state; a
 * malformed payload is refused with an RpcFailure naming the field).
 */
@Controller()
export class ReadStateHandler {
  constructor(
    private readonly marks: MarkReadService,
    private readonly push: ReadStatePushService,
  ) {}

  @MessagePattern(ClientPatterns.MarkRead, CIM_CLIENT_TRANSPORT)
  markRead(@Payload() frame: Frame, @Ctx() connection: Connection): void {
    return this.marks.markRead(connection, frame.markRead!, frame.requestId);
  }

  @MessagePattern(ImServerPatterns.ReadState, Transport.TCP)
  notice(
    @Payload(new RpcPayloadPipe(READ_STATE_NOTICE_SCHEMA)) notice: ReadStateNotice,
  ): ReadStateNoticeReply {
    return this.push.push(notice);
  }
}
