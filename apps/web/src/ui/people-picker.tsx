import { OnlineUser } from '../state/types';

interface Props {
  legend: string;
  people: OnlineUser[];
  chosen: string[];
  onChange(chosen: string[]): void;
}

/** Check boxes for the people online, in a fieldset named by `legend`. */
export function PeoplePicker({ legend, people, chosen, onChange }: Props) {
  return (
    <fieldset class="people">
      <legend>{legend}</legend>
      {people.length === 0 && <p class="muted">Nobody else is online to add.</p>}
      {people.map((person) => (
        <label key={person.userId} class="check">
          <input
            type="checkbox"
            checked={chosen.includes(person.userId)}
            onChange={(e) =>
              onChange(
                e.currentTarget.checked
                  ? [...chosen, person.userId]
                  : chosen.filter((id) => id !== person.userId),
              )
            }
          />
          {person.name}
        </label>
      ))}
    </fieldset>
  );
}
