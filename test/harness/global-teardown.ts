interface Destroyable {
  destroy(): Promise<void>;
}

export default async function globalTeardown(): Promise<void> {
  const services = ((globalThis as Record<string, unknown>).__cimServices ?? []) as Destroyable[];
  await Promise.all(services.map((s) => s.destroy()));
}
