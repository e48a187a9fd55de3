/**
 * Retries the assertion (synchronous or not) until it passes or the time is up, then answers what it
 * returned; past the deadline the last failure is thrown.
 */
export async function eventually<T>(
  assertion: () => T | Promise<T>,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
