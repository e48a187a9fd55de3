import { useLayoutEffect, useRef } from 'preact/hooks';
import { ChatSession } from '../session/chat-session';
import { ChatMessage, Conversation } from '../state/types';

interface Props {
  session: ChatSession;
  conversation: Conversation;
}

/** Near the top by this much, the older page is read. */
const NEAR_TOP_PX = 48;

/**
 * The loaded messages, oldest at the top. Scrolling up to the top (or the button there, for the
 * keyboard) reads the page before; the view stays where it was. New messages scroll it down when it
 * was at the bottom.
 */
export function MessageList({ session, conversation }: Props) {
  const { store } = session;
  const timeline = store.timeline(conversation.id);
  const list = useRef<HTMLDivElement>(null);
  const before = useRef({ height: 0, top: 0, atBottom: true, id: '' });

  useLayoutEffect(() => {
    const element = list.current!;
    const was = before.current;
    if (was.id !== conversation.id || was.atBottom) element.scrollTop = element.scrollHeight;
    else if (element.scrollHeight !== was.height && was.top < NEAR_TOP_PX * 2)
      element.scrollTop = was.top + element.scrollHeight - was.height;
    before.current = { ...remember(element), id: conversation.id };
  });

  const loadOlder = () => void session.loadOlder(conversation.id);
  return (
    <div
      class="messages"
      ref={list}
      tabIndex={0}
      role="log"
      aria-label={`Messages in ${conversation.title}`}
      onScroll={(event) => {
        before.current = { ...remember(event.currentTarget), id: conversation.id };
        if (event.currentTarget.scrollTop < NEAR_TOP_PX && timeline.hasOlder) loadOlder();
      }}
    >
      {timeline.loaded && timeline.hasOlder && (
        <button type="button" class="older" onClick={loadOlder} disabled={timeline.loading}>
          {timeline.loading ? 'Loading…' : 'Show earlier messages'}
        </button>
      )}
      {timeline.loaded && timeline.messages.length === 0 && (
        <p class="empty muted">No messages yet. Say hello!</p>
      )}
      <ol>
        {timeline.messages.map((message) => (
          <MessageItem
            key={message.messageId}
            message={message}
            mine={message.senderId === store.me.userId}
            receipt={receipt(message, conversation)}
          />
        ))}
      </ol>
    </div>
  );
}

function MessageItem({ message, mine, receipt }: { message: ChatMessage; mine: boolean; receipt: string }) {
  const time = new Date(message.sentAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <li class={`message ${mine ? 'mine' : 'theirs'} ${message.kind}`} data-seq={message.seq || undefined}>
      <div class="bubble">
        {!mine && <span class="sender">{message.senderName || 'system'}</span>}
        <span class="visually-hidden">{mine ? 'You' : ''} said: </span>
        <span class="body">{message.body}</span>
        <span class="meta">
          <time dateTime={new Date(message.sentAt).toISOString()}>{time}</time>
          {mine && <span class="receipt">{receipt}</span>}
        </span>
      </div>
    </li>
  );
}

/** What a message of this user shows: sending, failed, sent, or seen by the peer (a read receipt). */
function receipt(message: ChatMessage, conversation: Conversation): string {
  if (message.failed) return `Not sent: ${message.failed}`;
  if (message.pending) return 'Sending…';
  if (conversation.kind === 'private' && message.seq && message.seq <= conversation.peerReadSeq)
    return 'Seen';
  return 'Sent';
}

function remember(element: HTMLElement) {
  const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
  return { height: element.scrollHeight, top: element.scrollTop, atBottom };
}
