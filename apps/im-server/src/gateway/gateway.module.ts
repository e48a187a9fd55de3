import { Global, Module } from '@nestjs/common';
import { GatewayClient } from './gateway-client';
import { GatewayPool } from './gateway-pool';

@Global()
@Module({ providers: [GatewayPool, GatewayClient], exports: [GatewayClient] })
export class GatewayModule {}
