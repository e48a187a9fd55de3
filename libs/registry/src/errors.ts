/** Another live server holds the id: two servers were given the same one. */
export class ServerIdTakenError extends Error {
  constructor(readonly serverId: string) {
    super(`server id "${serverId}" is registered by another live server`);
    this.name = 'ServerIdTakenError';
  }
}

/** The registry was used after close(). */
export class RegistryClosedError extends Error {
  constructor() {
    super('the registry is closed');
    this.name = 'RegistryClosedError';
  }
}
