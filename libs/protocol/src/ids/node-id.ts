import { SessionStore } from '@cim/session-store';
import { MAX_NODE_ID } from './message-id-generator';

/** The counter in the session store that hands out node ids. */
const NODE_ID_COUNTER = 'message-id-nodes';

/**
 * The node id of a process that makes message ids: the configured one (0..1023), or with -1 the next
 * value of a counter in the session store, modulo 1024. Gateways and admins that start one after
 * another therefore get distinct ids (up to 1,024 of them live at once), which a random pick would not
 * guarantee. If the store cannot be reached at start-up, a random id is the fallback.
 */
export async function leaseNodeId(
  configured: number,
  store: Pick<SessionStore, 'nextSequence'>,
  onFallback: (error: Error) => void = () => undefined,
): Promise<number> {
  if (configured >= 0) return configured;
  try {
    return (await store.nextSequence(NODE_ID_COUNTER)) % (MAX_NODE_ID + 1);
  } catch (error) {
    onFallback(error as Error);
    return Math.floor(Math.random() * (MAX_NODE_ID + 1));
  }
}
