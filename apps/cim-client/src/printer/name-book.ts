/** The names of the users the client has seen (senders, online lists), to show names instead of ids. */
export class NameBook {
  private readonly names = new Map<string, string>();

  learn(userId: string, name: string): void {
    if (userId && name) this.names.set(userId, name);
  }

  get(userId: string): string | undefined {
    return this.names.get(userId);
  }

  /** The id of the user last seen with this name. */
  idOf(name: string): string | undefined {
    for (const [userId, known] of this.names) if (known === name) return userId;
    return undefined;
  }
}
