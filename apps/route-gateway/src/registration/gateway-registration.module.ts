import { Module } from '@nestjs/common';
import { GatewayRegistrationService } from './gateway-registration.service';

/** This gateway's entry in the gateways' registry (GATEWAY_REGISTRY, provided by RegistryModule). */
@Module({ providers: [GatewayRegistrationService], exports: [GatewayRegistrationService] })
export class GatewayRegistrationModule {}
