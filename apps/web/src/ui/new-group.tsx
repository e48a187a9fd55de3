import { useState } from 'preact/hooks';
import { ChatSession } from '../session/chat-session';
import { PeoplePicker } from './people-picker';

interface Props {
  session: ChatSession;
  onCreated(conversation: string): void;
}

/** A group with a name and members picked among who is online. */
export function NewGroup({ session, onCreated }: Props) {
  const [name, setName] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const [problem, setProblem] = useState('');
  const [open, setOpen] = useState(false);
  return (
    <details class="new-group" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>New group</summary>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setProblem('');
          try {
            const id = await session.createGroup(name.trim(), members);
            setName('');
            setMembers([]);
            setOpen(false);
            onCreated(id);
          } catch (error) {
            setProblem((error as Error).message);
          }
        }}
      >
        <label for="group-name">Group name</label>
        <input
          id="group-name"
          required
          maxLength={64}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <PeoplePicker legend="Members" people={session.store.online} chosen={members} onChange={setMembers} />
        {problem && (
          <p class="problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" class="primary">
          Create group
        </button>
      </form>
    </details>
  );
}
