import { useState } from 'preact/hooks';
import { ChatSession } from '../session/chat-session';
import { ChatStore } from '../state/chat-store';
import { ChatScreen } from './chat-screen';
import { LoginScreen } from './login-screen';

/** The login screen until a session is open, then the chat. */
export function App({ store }: { store: ChatStore }) {
  const [session, setSession] = useState<ChatSession | undefined>(undefined);
  if (!session) return <LoginScreen store={store} onSignedIn={setSession} />;
  return <ChatScreen session={session} onSignedOut={() => setSession(undefined)} />;
}
