import { Module } from '@nestjs/common';
import { OperatorKeyGuard, PushKeyGuard } from './api-key.guard';

/** The guards of the operators' endpoints (x-api-key) and of the push API (x-push-key). */
@Module({ providers: [OperatorKeyGuard, PushKeyGuard], exports: [OperatorKeyGuard, PushKeyGuard] })
export class AuthModule {}
