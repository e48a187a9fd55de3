import { HealthModule, registryProbe } from '@cim/observability';
import { REGISTRY, Registry } from '@cim/registry';
import { RegistrationModule } from '../registration/registration.module';
import { RegistrationService } from '../registration/registration.service';

/** /health, and /ready once this server is registered and connected to ZooKeeper. */
export const ImServerHealthModule = HealthModule.forRoot({
  imports: [RegistrationModule],
  inject: [REGISTRY, RegistrationService],
  probes: (registry: Registry, registration: RegistrationService) => [
    registryProbe(registry),
    {
      name: 'registration',
      check: () => {
        if (!registration.registered) throw new Error('not registered');
      },
    },
  ],
});
