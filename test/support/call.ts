import type { createRouter } from '../../electron/api/router';

/**
 * Calls a router method and returns its value, throwing on an error envelope
 * (a failed test). Free of vitest, so scripts such as the fixture maker use it too.
 */
export async function call<T = any>(router: ReturnType<typeof createRouter>, method: string, input: unknown = {}): Promise<T> {
  const env = await router.call(method, input);
  if (!env.ok) throw new Error(`${method} failed: ${env.error.code} ${env.error.message.en}`);
  return env.value as T;
}
