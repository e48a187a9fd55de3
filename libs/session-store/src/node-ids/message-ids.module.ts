import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { MAX_NODE_ID, MessageIdGenerator } from '@cim/protocol';
import { SESSION_STORE, SessionStore } from '../session-store';
import { NodeIdLease } from './node-id-lease';
import { STORE_MARKER, StoreMarker } from '../store-epoch/store-marker';

/** The lease behind the generator, or none when the node id is configured. */
const NODE_ID_LEASE = Symbol('NODE_ID_LEASE');

@Injectable()
class NodeIdLeaseCloser implements OnApplicationShutdown {
  constructor(@Inject(NODE_ID_LEASE) private readonly lease: NodeIdLease | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.lease?.close();
  }
}

/**
 * Provides the MessageIdGenerator of a route-gateway or an admin: with a configured node id (0..1023)
 * it uses that one; with -1 it leases a free one from the session store, renews the lease while the
 * app runs and releases it at shutdown (NodeIdLease). Needs SESSION_STORE (SessionStoreModule); with
 * STORE_MARKER (StoreMarkerModule) it also renews at once each time the store's connection comes back.
 */
@Module({})
export class MessageIdsModule {
  static forRoot(env: { CIM_NODE_ID: number }): DynamicModule {
    return {
      module: MessageIdsModule,
      global: true,
      providers: [
        {
          provide: NODE_ID_LEASE,
          inject: [SESSION_STORE, { token: STORE_MARKER, optional: true }],
          useFactory: async (store: SessionStore, marker?: StoreMarker): Promise<NodeIdLease | null> => {
            if (env.CIM_NODE_ID >= 0) return null;
            const lease = new NodeIdLease(store, { count: MAX_NODE_ID + 1, log: new Logger('MessageIds') });
            await lease.start();
            // A store that comes back may have come back empty, without the lease: take it again at once.
            marker?.onReconnect(() => void lease.renew());
            return lease;
          },
        },
        {
          provide: MessageIdGenerator,
          inject: [NODE_ID_LEASE],
          useFactory: (lease: NodeIdLease | null) =>
            new MessageIdGenerator(lease ? () => lease.nodeId() : env.CIM_NODE_ID),
        },
        NodeIdLeaseCloser,
      ],
      exports: [MessageIdGenerator],
    };
  }
}
