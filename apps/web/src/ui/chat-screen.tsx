import { useEffect, useState } from 'preact/hooks';
import { ChatSession } from '../session/chat-session';
import { ConnectionBadge } from './connection-badge';
import { ConversationView } from './conversation-view';
import { Sidebar } from './sidebar';
import { useStore } from './use-store';

interface Props {
  session: ChatSession;
  onSignedOut(): void;
}

/**
 * The chat: the top bar (connection, who is signed in), the sidebar (conversations, who is online, new
 * group) and the open conversation. On a phone-sized screen one pane shows at a time.
 */
export function ChatScreen({ session, onSignedOut }: Props) {
  const store = useStore(session.store);
  const [pane, setPane] = useState<'list' | 'conversation'>('list');

  useEffect(() => {
    const watch = () => {
      store.setWatching(document.visibilityState === 'visible');
      session.markRead();
    };
    document.addEventListener('visibilitychange', watch);
    return () => document.removeEventListener('visibilitychange', watch);
  }, [session]);

  const open = (conversation: string, title?: string) => {
    if (title) store.conversation(conversation, title);
    setPane('conversation');
    void session.open(conversation);
  };

  return (
    <div class="chat" data-pane={pane}>
      <header class="topbar">
        <span class="brand" aria-hidden="true">
          cim
        </span>
        <ConnectionBadge session={session} />
        <span class="me">
          <span class="visually-hidden">Signed in as </span>
          {store.me.name}
        </span>
        <button
          type="button"
          onClick={async () => {
            await session.signOut();
            onSignedOut();
          }}
        >
          Log out
        </button>
      </header>
      <Sidebar session={session} onOpen={open} />
      <ConversationView session={session} onBack={() => setPane('list')} />
    </div>
  );
}
