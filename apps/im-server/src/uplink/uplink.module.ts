import { Module } from '@nestjs/common';
import { SendHandler } from './send.handler';
import { SendService } from './send.service';

@Module({ controllers: [SendHandler], providers: [SendService] })
export class UplinkModule {}
