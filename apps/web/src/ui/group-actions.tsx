import { useState } from 'preact/hooks';
import { ChatSession } from '../session/chat-session';
import { Conversation } from '../state/types';
import { PeoplePicker } from './people-picker';

interface Props {
  session: ChatSession;
  conversation: Conversation;
}

/** Add members (owner and admins), leave (everyone but the owner). */
export function GroupActions({ session, conversation }: Props) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [open, setOpen] = useState(false);
  const canAdd = conversation.role === 'owner' || conversation.role === 'admin';
  return (
    <div class="group-actions">
      {canAdd && (
        <details class="add-members" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>Add members</summary>
          <form
            onSubmit={async (event) => {
              event.preventDefault();
              try {
                const added = await session.addMembers(conversation.id, chosen);
                const names = added.map((id) => session.store.name(id));
                setNote(names.length ? `Added ${names.join(', ')}.` : 'They are members already.');
                setChosen([]);
                setOpen(false);
              } catch (error) {
                setNote((error as Error).message);
              }
            }}
          >
            <PeoplePicker
              legend="People online"
              people={session.store.online}
              chosen={chosen}
              onChange={setChosen}
            />
            <button type="submit" class="primary" disabled={chosen.length === 0}>
              Add
            </button>
          </form>
        </details>
      )}
      {conversation.role && conversation.role !== 'owner' && (
        <button
          type="button"
          onClick={() => void session.leaveGroup(conversation.id).catch((e: Error) => setNote(e.message))}
        >
          Leave group
        </button>
      )}
      <p class="note" role="status">
        {note}
      </p>
    </div>
  );
}
