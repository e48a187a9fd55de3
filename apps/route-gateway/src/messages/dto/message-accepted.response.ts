import { ApiProperty } from '@nestjs/swagger';

export class MessageAcceptedResponse {
  @ApiProperty({ description: 'Unique and time-ordered: 19 decimal digits.', example: '0000452198374105088' })
  messageId: string;

  @ApiProperty({
    description: 'When the gateway accepted the message, ms since the Unix epoch.',
    example: 1735689600000,
  })
  sentAt: number;
}

export class PrivateMessageAcceptedResponse extends MessageAcceptedResponse {
  @ApiProperty({
    enum: ['online', 'inbox'],
    description:
      "'online': handed to the receiver's im-server; 'inbox': kept until the receiver's next login.",
  })
  delivery: 'online' | 'inbox';
}
