import { Module } from '@nestjs/common';
import { GatewayClient } from './gateway-client';
import { GatewayPool } from './gateway-pool';

@Module({ providers: [GatewayPool, GatewayClient], exports: [GatewayClient] })
export class GatewayModule {}
