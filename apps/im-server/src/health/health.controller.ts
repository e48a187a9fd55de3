import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { RegistrationService } from '../registration/registration.service';

@Controller()
export class HealthController {
  constructor(private readonly registration: RegistrationService) {}

  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Get('ready')
  ready(): { status: string } {
    if (!this.registration.registered) throw new ServiceUnavailableException('not registered');
    return { status: 'ok' };
  }
}
