import { Global, Module } from '@nestjs/common';
import { OperatorKeyGuard, PushKeyGuard } from './api-key.guard';

@Global()
@Module({ providers: [OperatorKeyGuard, PushKeyGuard], exports: [OperatorKeyGuard, PushKeyGuard] })
export class AuthModule {}
