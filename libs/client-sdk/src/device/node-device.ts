import { createHash } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { Device } from './device';

/**
 * The default device in Node: the same id for every client of one OS user on one machine (a hash of
 * the host name and the user name), kind 'other'. Two processes of one user on one machine are then
 * one device: give each its own `device.id` to have both online at once.
 */
export function machineDevice(kind: Device['kind'] = 'other'): Device {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no user entry (some containers): the host name alone
  }
  const digest = createHash('sha256').update(`${hostname()}\n${user}`).digest('hex');
  return { id: `node-${digest.slice(0, 16)}`, kind };
}
