import { keysMatch } from './keys-match';

describe('keysMatch', () => {
  it('matches the same key only', () => {
    expect(keysMatch('a-key-of-some-length', 'a-key-of-some-length')).toBe(true);
    expect(keysMatch('a-key-of-some-length!', 'a-key-of-some-length')).toBe(false);
    expect(keysMatch('a', 'a-key-of-some-length')).toBe(false);
  });

  it.each([undefined, '', ['a-key'], 42])('refuses %p', (presented) => {
    expect(keysMatch(presented, 'a-key')).toBe(false);
  });
});
