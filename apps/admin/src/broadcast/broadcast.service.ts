import { Injectable } from '@nestjs/common';
import { SystemDelivery } from '../delivery/system-delivery';
import { SystemMessages } from '../delivery/system-messages';
import { BroadcastResponse } from './dto/broadcast.response';

@Injectable()
export class BroadcastService {
  constructor(
    private readonly messages: SystemMessages,
    private readonly delivery: SystemDelivery,
  ) {}

  /** A system message to everyone online now; nobody offline keeps it. */
  async broadcast(body: string, sender?: string): Promise<BroadcastResponse> {
    const message = await this.messages.compose(body, sender);
    const outcome = await this.delivery.toEveryone(message);
    return { messageId: message.messageId, sentAt: message.sentAt, ...outcome };
  }
}
