import { ChatSession } from '../session/chat-session';
import { privateConversation } from '../state/conversation-ids';
import { ChatMessage, Conversation } from '../state/types';
import { NewGroup } from './new-group';

interface Props {
  session: ChatSession;
  onOpen(conversation: string, title?: string): void;
}

/** The conversations with their unread counts, who is online (to chat with), and a new group. */
export function Sidebar({ session, onOpen }: Props) {
  const { store } = session;
  return (
    <nav class="sidebar" aria-label="Conversations and people">
      <h2 id="conversations-title">Conversations</h2>
      <ul class="conversations" aria-labelledby="conversations-title">
        {store.sortedConversations().map((c) => (
          <li key={c.id}>
            <ConversationButton
              conversation={c}
              current={c.id === store.selected}
              onOpen={() => onOpen(c.id)}
              preview={preview(c.lastMessage, store.me.userId)}
            />
          </li>
        ))}
      </ul>
      <NewGroup session={session} onCreated={(id) => onOpen(id)} />
      <h2 id="online-title">Online now</h2>
      {store.online.length === 0 ? (
        <p class="muted">Nobody else is online.</p>
      ) : (
        <ul class="online" aria-labelledby="online-title">
          {store.online.map((user) => (
            <li key={user.userId}>
              <button
                type="button"
                onClick={() => onOpen(privateConversation(store.me.userId, user.userId), user.name)}
              >
                <span class="presence" aria-hidden="true" />
                {user.name}
                <span class="visually-hidden">: chat privately</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

interface ButtonProps {
  conversation: Conversation;
  current: boolean;
  preview: string;
  onOpen(): void;
}

function ConversationButton({ conversation, current, preview, onOpen }: ButtonProps) {
  const { title, unread, kind } = conversation;
  return (
    <button
      type="button"
      class="conversation-item"
      data-conversation={conversation.id}
      aria-current={current ? 'true' : undefined}
      onClick={onOpen}
    >
      <span class={`avatar ${kind}`} aria-hidden="true">
        {kind === 'lobby' ? '#' : title.slice(0, 1).toUpperCase()}
      </span>
      <span class="item-text">
        <span class="item-title">{title}</span>
        <span class="item-preview">{preview}</span>
      </span>
      {unread > 0 && (
        <span class="badge" data-unread={unread}>
          {unread}
          <span class="visually-hidden"> unread</span>
        </span>
      )}
    </button>
  );
}

function preview(message: ChatMessage | undefined, me: string): string {
  if (!message) return 'No messages yet';
  const who = message.senderId === me ? 'You' : message.senderName;
  return `${who}: ${message.body}`;
}
