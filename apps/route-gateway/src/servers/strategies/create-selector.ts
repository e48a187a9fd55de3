import { RouteStrategy } from '../../config/gateway.env';
import { ConsistentHashSelector } from './consistent-hash.selector';
import { RandomSelector } from './random.selector';
import { RoundRobinSelector } from './round-robin.selector';
import { ServerSelector } from './server-selector';

export function createSelector(strategy: RouteStrategy): ServerSelector {
  switch (strategy) {
    case 'random':
      return new RandomSelector();
    case 'consistent-hash':
      return new ConsistentHashSelector();
    default:
      return new RoundRobinSelector();
  }
}
