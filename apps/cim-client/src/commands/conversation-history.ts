import { StoredMessage } from '@cim/client-sdk';
import { MAX_HISTORY_PAGE } from '../conversations/conversations-api';
import { HistoryEntry } from '../history/history-entry';
import { formatHistoryHit } from '../printer/format';
import { privateConversation } from '../read-state/conversation-of';
import { Command, CommandContext } from './command';

const DEFAULT_COUNT = 20;
const USAGE = `*** usage: :history <userId|name|#group|lobby> [n] (n from 1 to ${MAX_HISTORY_PAGE}, default ${DEFAULT_COUNT})`;

export const conversationHistory: Command = {
  names: [':history'],
  args: '<userId|name|#group|lobby> [n]',
  description: `the last n messages (default ${DEFAULT_COUNT}) of a conversation, from the server`,
  run: async (context, args) => {
    const [target, count, ...rest] = args.split(/\s+/).filter(Boolean);
    const n = count === undefined ? DEFAULT_COUNT : Number(count);
    const myId = context.client.session?.userId;
    if (!target || rest.length || !Number.isInteger(n) || n < 1 || n > MAX_HISTORY_PAGE || !myId)
      return context.print(USAGE);
    const where = conversationFor(context, target, myId);
    if (!where) return context.print(`*** no user named ${target} seen yet: give the user id`);
    const messages = await context.conversations.newest(where.conversation, n);
    if (!messages.length) return context.print(`*** no messages with ${where.label}`);
    context.print(`*** the last ${messages.length} with ${where.label}:`);
    for (const m of messages) context.print(`  ${formatHistoryHit(entryOf(context, m, myId))}`);
  },
};

/** The conversation a target names, and how to speak of it; undefined for a name never seen. */
function conversationFor(context: CommandContext, target: string, myId: string) {
  if (target === 'lobby' || target === 'group') return { conversation: 'group', label: 'the lobby' };
  if (/^#[1-9][0-9]*$/.test(target)) return { conversation: `g:${target.slice(1)}`, label: target };
  const userId = /^[1-9][0-9]*$/.test(target) ? target : context.names.idOf(target);
  if (!userId) return undefined;
  const name = context.names.get(userId);
  return {
    conversation: privateConversation(myId, userId),
    label: name ? `${name} (${userId})` : userId,
  };
}

function entryOf(context: CommandContext, m: StoredMessage, myId: string): HistoryEntry {
  return {
    at: m.sentAt,
    direction: m.senderId === myId ? 'out' : 'in',
    kind: m.kind,
    messageId: m.messageId,
    senderId: m.senderId,
    senderName: m.senderName,
    receiverId: m.receiverId,
    receiverName: context.names.get(m.receiverId),
    body: m.body,
    ...(m.groupId ? { groupId: m.groupId } : {}),
  };
}
