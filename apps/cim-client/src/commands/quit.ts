import { Command } from './command';

export const quit: Command = {
  names: [':q!', ':quit'],
  description: 'log out and exit',
  run: (context) => context.quit(),
};
