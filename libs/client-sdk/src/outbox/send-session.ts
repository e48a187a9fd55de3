/** 16 random bytes as base64url: browsers offer crypto.getRandomValues on plain http pages too. */
export function newSendSession(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const base64 = btoa(String.fromCharCode(...bytes));
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
