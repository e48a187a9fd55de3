import { Module } from '@nestjs/common';
import { SendHandler } from './send.handler';
import { SendBatcher } from './send-batcher';
import { SendService } from './send.service';

@Module({ controllers: [SendHandler], providers: [SendService, SendBatcher] })
export class UplinkModule {}
