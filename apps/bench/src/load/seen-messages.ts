/**
 * Which (sender, sender's message number) pairs a worker's receivers got, one bit each, to count
 * messages delivered more than once. Each sender's messages go to one receiver, so workers never share
 * a pair and their counts add up.
 */
export class SeenMessages {
  private readonly bySender = new Map<string, Uint8Array>();
  unique = 0;
  duplicates = 0;

  add(senderId: string, n: number): void {
    let bits = this.bySender.get(senderId);
    const byte = n >> 3;
    if (!bits || bits.length <= byte) {
      const grown = new Uint8Array(Math.max(1024, (byte + 1) * 2));
      if (bits) grown.set(bits);
      this.bySender.set(senderId, (bits = grown));
    }
    const mask = 1 << (n & 7);
    if (bits[byte] & mask) this.duplicates++;
    else {
      bits[byte] |= mask;
      this.unique++;
    }
  }
}
