import { Module } from '@nestjs/common';
import { HeartbeatHandler } from './heartbeat.handler';

@Module({ controllers: [HeartbeatHandler] })
export class HeartbeatModule {}
