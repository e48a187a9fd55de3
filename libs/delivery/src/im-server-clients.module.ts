import { DynamicModule, Inject, Injectable, Logger, Module, OnModuleDestroy, Type } from '@nestjs/common';
import { hostname } from 'node:os';
import { DeliveryEnv } from '@cim/config';
import { RpcAuthenticator } from '@cim/rpc';
import { ImServerClientFactory } from './calls/im-server-client';
import { ImServerClients } from './calls/im-server-clients';
import { tcpImServerClients } from './calls/tcp-im-server-client';

/** Makes the client of each im-server; app specs override it with fakes. */
export const IM_SERVER_CLIENT_FACTORY = Symbol('IM_SERVER_CLIENT_FACTORY');

@Injectable()
class ClientsCloser implements OnModuleDestroy {
  constructor(@Inject(ImServerClients) private readonly clients: ImServerClients) {}

  onModuleDestroy(): Promise<void> {
    return this.clients.closeAll();
  }
}

/**
 * ImServerClients over Nest's TCP transport, with the call timeout (CIM_RPC_TIMEOUT_MS) and the RPC
 * secret (CIM_RPC_SECRET) of the app's config class, naming the app and host in their hello; the clients close with the app. Who keeps the list up to date is the app's business.
 */
@Module({})
export class ImServerClientsModule {
  static register(
    envClass: Type<Pick<DeliveryEnv, 'CIM_RPC_TIMEOUT_MS' | 'CIM_RPC_SECRET'>>,
    app: 'route-gateway' | 'admin',
  ): DynamicModule {
    return {
      module: ImServerClientsModule,
      providers: [
        {
          provide: IM_SERVER_CLIENT_FACTORY,
          inject: [envClass],
          useFactory: (env: DeliveryEnv) =>
            tcpImServerClients(env.CIM_RPC_TIMEOUT_MS, new Logger('ImServerClient'), {
              authenticator: new RpcAuthenticator(env.CIM_RPC_SECRET),
              peer: `${app} ${hostname()}`,
            }),
        },
        {
          provide: ImServerClients,
          inject: [IM_SERVER_CLIENT_FACTORY],
          useFactory: (create: ImServerClientFactory) =>
            new ImServerClients(create, new Logger('ImServerClients')),
        },
        ClientsCloser,
      ],
      exports: [ImServerClients],
    };
  }
}
