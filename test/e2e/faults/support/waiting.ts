import type { TestProcess } from './processes.js';

/**
 * Polls `probe` until it returns a value (not undefined), or fails with `what` and the logs of
 * `processes`. Waits for outcomes; asserts nothing about how long they took.
 */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, options: { timeoutMs?: number; processes?: readonly TestProcess[] } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const logs = (options.processes ?? []).map((p) => `--- ${p.name}\n${p.log().slice(-2500)}`).join('\n');
      throw new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}\n${logs}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** GET a JSON body on loopback (health endpoints answer 503 with a body too). */
export async function getJson(url: string): Promise<any> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  return response.json();
}

/** `promise`, or a failure naming `what` after `timeoutMs` (a step that never ends must fail the test, not hang it). */
export async function within<T>(what: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
