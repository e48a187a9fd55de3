import { render } from 'preact';
import { ChatStore } from './state/chat-store';
import { App } from './ui/app';

render(<App store={new ChatStore()} />, document.getElementById('root')!);
