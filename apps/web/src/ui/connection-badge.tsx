import { ChatSession } from '../session/chat-session';
import { ConnectionState } from '../state/types';

const LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/** connected / reconnecting / offline, announced to screen readers when it changes. */
export function ConnectionBadge({ session }: { session: ChatSession }) {
  const { connection, connectionDetail } = session.store;
  return (
    <span
      class="connection"
      data-state={connection}
      data-server={session.serverId}
      data-user={session.store.me.userId}
      title={connectionDetail}
    >
      <span class="dot" aria-hidden="true" />
      <span role="status">{LABELS[connection]}</span>
      {connection === 'offline' && session.canRetry && (
        <button type="button" class="link" onClick={() => void session.retry()}>
          Try again
        </button>
      )}
    </span>
  );
}
