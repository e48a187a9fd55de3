import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

/**
 * This run of the server: its incarnation, new at every start and kept across ZooKeeper session
 * expiries. Announced in the registry and in every login it confirms; the routes made for it carry it.
 */
@Injectable()
export class ServerRun {
  readonly incarnation = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}
