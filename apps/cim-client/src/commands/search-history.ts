import { formatHistoryHit } from '../printer/format';
import { Command } from './command';

export const searchHistory: Command = {
  names: [':q'],
  args: '<keyword>',
  description: 'search the local history (all days, ignoring case)',
  run: async ({ history, print }, keyword) => {
    if (!keyword) return print('*** usage: :q <keyword>');
    const hits = await history.search(keyword);
    if (!hits.length) return print(`*** nothing in the history matches "${keyword}"`);
    print(`*** ${hits.length} in the history matching "${keyword}":`);
    for (const hit of hits) print(`  ${formatHistoryHit(hit)}`);
  },
};
