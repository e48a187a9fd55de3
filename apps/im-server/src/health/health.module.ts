import { HealthModule, registryProbe } from '@cim/observability';
import { REGISTRY, Registry } from '@cim/registry';
import { RegistrationModule } from '../registration/registration.module';
import { RegistrationService } from '../registration/registration.service';

/**
 * /health and /ready on the im-server's HTTP port (internal: it serves nothing else). Ready once this
 * server is registered, not from the moment it drains; the ZooKeeper connection is shown in /health's
 * body and is no readiness probe, so that an election does not make every im-server unready at once.
 */
export const ImServerHealthModule = HealthModule.forRoot({
  serve: 'app',
  imports: [RegistrationModule],
  inject: [REGISTRY, RegistrationService],
  probes: (_registry: Registry, registration: RegistrationService) => [
    {
      name: 'registration',
      check: () => {
        if (!registration.registered) throw new Error('not registered');
      },
    },
  ],
  dependencies: (registry: Registry) => [registryProbe(registry)],
});
