import { useEffect, useState } from 'preact/hooks';
import { ChatSession } from '../session/chat-session';
import { Conversation } from '../state/types';

interface Props {
  session: ChatSession;
  conversation: Conversation;
}

/**
 * The message box. What is typed is kept per conversation in the store, so it survives reconnections
 * (and switching conversations); Enter sends, Shift+Enter starts a new line. While reconnecting, a send
 * waits in the SDK's outbox and goes out once connected.
 */
export function Composer({ session, conversation }: Props) {
  const { store } = session;
  const [text, setText] = useState(store.drafts.get(conversation.id) ?? '');
  useEffect(() => setText(store.drafts.get(conversation.id) ?? ''), [conversation.id]);
  const type = (value: string) => {
    setText(value);
    store.setDraft(conversation.id, value);
  };
  const send = () => {
    const body = text.trim();
    if (!body) return;
    session.send(conversation.id, body);
    type('');
  };
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label for="composer-input" class="visually-hidden">
        Message to {conversation.title}
      </label>
      <textarea
        id="composer-input"
        rows={1}
        maxLength={4000}
        placeholder={`Message ${conversation.title}`}
        value={text}
        onInput={(e) => type(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <button type="submit" class="primary" disabled={!text.trim()}>
        Send
      </button>
    </form>
  );
}
