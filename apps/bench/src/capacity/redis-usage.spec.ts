import { kindOf } from './redis-usage';

describe('kindOf', () => {
  it('names a key by what follows its hash tag', () => {
    expect(kindOf('cim:{u:7}:sends:3f2a')).toBe('sends');
    expect(kindOf('cim:{c:p:1:2}:history')).toBe('history');
    expect(kindOf('cim:{c:g:3}:order')).toBe('order');
    expect(kindOf('cim:{u:7}:dedup:m-1')).toBe('dedup');
  });

  it('puts a key without a hash tag under other', () => {
    expect(kindOf('cim:next-user-id')).toBe('other');
  });
});
