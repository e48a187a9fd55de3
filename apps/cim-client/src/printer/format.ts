import { HistoryEntry } from '../history/history-entry';

/** HH:MM:SS, local time. */
export function clock(at: number): string {
  const d = new Date(at);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map(pad).join(':');
}

/** YYYY-MM-DD HH:MM:SS, local time. */
export function stamp(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock(at)}`;
}

/** `[12:00:01] alice (group): hi`, `[12:00:01] alice (#7): hi` (group 7), `[12:00:01] alice → you (private): hi`, ... */
export function formatMessage(entry: HistoryEntry): string {
  return `[${clock(entry.at)}] ${describe(entry)}`;
}

/** A history search hit: the same, with the date. */
export function formatHistoryHit(entry: HistoryEntry): string {
  return `[${stamp(entry.at)}] ${describe(entry)}`;
}

/** A line from the client itself (state changes, command answers), told apart from messages. */
export function notice(text: string): string {
  return `*** ${text}`;
}

function describe(entry: HistoryEntry): string {
  const body = printable(entry.body);
  if (entry.kind === 'system')
    return `[system${entry.groupId ? ` #${entry.groupId}` : ''}] ${entry.senderName ? `${printable(entry.senderName)}: ` : ''}${body}`;
  if (entry.direction === 'out') {
    if (entry.groupId) return `you (#${entry.groupId}): ${body}`;
    if (!entry.receiverId) return `you (group): ${body}`;
    return `you → ${printable(entry.receiverName ?? entry.receiverId)} (private): ${body}`;
  }
  const sender = printable(entry.senderName || entry.senderId);
  if (entry.groupId) return `${sender} (#${entry.groupId}): ${body}`;
  if (entry.kind === 'group') return `${sender} (group): ${body}`;
  if (entry.kind === 'offline') return `${sender} → you (private, while you were offline): ${body}`;
  return `${sender} → you (private): ${body}`;
}

/**
 * Text from other users goes to a terminal: control characters (escape sequences could move the
 * cursor or rewrite the screen) are shown as '?', and continuation lines are indented.
 */
export function printable(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '?').replace(/\n/g, '\n    ');
}

/** C0 controls but the newline, DEL and C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
