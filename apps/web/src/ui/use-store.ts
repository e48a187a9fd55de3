import { useEffect, useReducer } from 'preact/hooks';
import { ChatStore } from '../state/chat-store';

/** Renders the component again whenever the store changes. */
export function useStore(store: ChatStore): ChatStore {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => store.subscribe(() => rerender(undefined)), [store]);
  return store;
}
