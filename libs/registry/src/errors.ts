/** Another live member of the group holds the id: two servers (or gateways) were given the same one. */
export class ServerIdTakenError extends Error {
  constructor(readonly serverId: string) {
    super(`id "${serverId}" is registered by another live process`);
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
