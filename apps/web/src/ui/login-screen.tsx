import { useState } from 'preact/hooks';
import { ChatSession } from '../session/chat-session';
import { ChatStore } from '../state/chat-store';

interface Props {
  store: ChatStore;
  onSignedIn(session: ChatSession): void;
}

/** Log in, or create an account and log in: name and password, nothing kept after the tab closes. */
export function LoginScreen({ store, onSignedIn }: Props) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (register: boolean) => {
    setBusy(true);
    setProblem('');
    const session = new ChatSession(store, name.trim(), password);
    try {
      await session.signIn(register);
      onSignedIn(session);
    } catch (error) {
      setProblem((error as Error).message);
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <form
        class="login-card"
        aria-labelledby="login-title"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(false);
        }}
      >
        <h1 id="login-title">cim chat</h1>
        <p class="muted">Log in, or create an account with a new name.</p>
        <label for="login-name">Name</label>
        <input
          id="login-name"
          autocomplete="username"
          required
          pattern="[A-Za-z0-9_.\-]{1,32}"
          title="1 to 32 letters, digits, dot, dash or underscore"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <label for="login-password">Password</label>
        <input
          id="login-password"
          type="password"
          autocomplete="current-password"
          required
          minLength={8}
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {problem && (
          <p class="problem" role="alert">
            {problem}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            Log in
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={(event) => {
              const form = event.currentTarget.form!;
              if (form.reportValidity()) void submit(true);
            }}
          >
            Create account
          </button>
        </div>
      </form>
    </main>
  );
}
