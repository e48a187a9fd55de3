import { ChatSession } from '../session/chat-session';
import { Composer } from './composer';
import { GroupActions } from './group-actions';
import { MessageList } from './message-list';

interface Props {
  session: ChatSession;
  onBack(): void;
}

/** The open conversation: its name, its messages (older ones as one scrolls up), and the message box. */
export function ConversationView({ session, onBack }: Props) {
  const { store } = session;
  const conversation = store.conversation(store.selected);
  const subtitle =
    conversation.kind === 'lobby'
      ? 'Everyone online'
      : conversation.kind === 'private'
        ? 'Private conversation'
        : `Group${conversation.role ? ` · you are ${conversation.role === 'member' ? 'a member' : `the ${conversation.role}`}` : ''}`;
  return (
    <main class="conversation" aria-labelledby="conversation-title">
      <header class="conversation-header">
        <button type="button" class="back" onClick={onBack}>
          <span aria-hidden="true">←</span>
          <span class="visually-hidden">Back to conversations</span>
        </button>
        <div class="conversation-heading">
          <h1 id="conversation-title">{conversation.title}</h1>
          <p class="muted">{subtitle}</p>
        </div>
        {conversation.kind === 'group' && <GroupActions session={session} conversation={conversation} />}
      </header>
      <MessageList session={session} conversation={conversation} />
      <Composer session={session} conversation={conversation} />
    </main>
  );
}
