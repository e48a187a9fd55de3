import { ImServerEnv } from '../config/im-server.env';
import { RegistrationService } from './registration.service';

/** A registry whose register() completes when the test says so. */
function slowRegistry() {
  let complete!: () => void;
  const registered = new Promise<void>((resolve) => (complete = resolve));
  return {
    registry: { register: jest.fn(() => registered), deregister: jest.fn(async () => undefined) },
    complete: () => complete(),
  };
}

function service(registry: unknown, env = new ImServerEnv()): RegistrationService {
  const evacuation = { run: async () => undefined };
  return new RegistrationService(
    env,
    registry as never,
    evacuation as never,
    { startedAt: 1 } as never,
    { incarnation: 'run-1' } as never,
    { start: async () => undefined } as never,
  );
}

/** The ports the listeners got, as bootstrap passes them. */
const PORTS = { clientPort: 9000, wsUrl: 'ws://127.0.0.1:9003/', tls: false, httpPort: 9002 };

describe('RegistrationService', () => {
  it('is registered (ready) only once the registry holds its entry', async () => {
    const { registry, complete } = slowRegistry();
    const registration = service(registry);
    const registering = registration.register({
      clientPort: 9000,
      wsUrl: 'ws://127.0.0.1:9003/',
      tls: false,
      httpPort: 9002,
    });
    await Promise.resolve();
    expect(registry.register).toHaveBeenCalled();
    expect(registration.registered).toBe(false);
    complete();
    await registering;
    expect(registration.registered).toBe(true);
  });

  it('survives a shutdown that begins while it registers, and stays unregistered', async () => {
    const { registry, complete } = slowRegistry();
    const registration = service(registry);
    const registering = registration.register({
      clientPort: 9000,
      wsUrl: 'ws://127.0.0.1:9003/',
      tls: false,
      httpPort: 9002,
    });
    await registration.beforeApplicationShutdown();
    complete();
    await expect(registering).resolves.toMatchObject({ clientPort: 9000 });
    expect(registration.registered).toBe(false);
  });

  it('announces the port it listens on unless an advertised port is configured', async () => {
    const plain = { register: jest.fn(async () => undefined), deregister: jest.fn() };
    await service(plain).register(PORTS);
    expect(plain.register).toHaveBeenCalledWith(expect.objectContaining({ clientPort: 9000 }));

    const behindBalancer = { register: jest.fn(async () => undefined), deregister: jest.fn() };
    const env = Object.assign(new ImServerEnv(), { CIM_IM_ADVERTISED_PORT: 443 });
    await service(behindBalancer, env).register(PORTS);
    expect(behindBalancer.register).toHaveBeenCalledWith(expect.objectContaining({ clientPort: 443 }));
  });
});
