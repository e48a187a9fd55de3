import { INestApplication } from '@nestjs/common';
import { AddressInfo, Server } from 'node:net';

/** Where a started gateway listens, as host:port, with the real ports when 0 was asked for. */
export function listeningAddresses(app: INestApplication): {
  http: string;
  rpc: string;
  httpPort: number;
  rpcPort: number;
} {
  const http = (app.getHttpServer() as Server).address() as AddressInfo;
  const tcp = app.getMicroservices()[0]?.unwrap<Server>().address() as AddressInfo | null;
  return {
    http: `${http.address}:${http.port}`,
    rpc: tcp ? `${tcp.address}:${tcp.port}` : '(not listening)',
    httpPort: http.port,
    rpcPort: tcp?.port ?? 0,
  };
}
