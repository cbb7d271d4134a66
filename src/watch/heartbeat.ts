/**
 * A dead-man's switch (Healthchecks and the like): a GET after each good cycle. The URL is a secret
 * of sorts (whoever has it can fake liveness), so it is never logged.
 */
export function createHeartbeat(url: string, timeoutMs = 5000): () => Promise<void> {
  return async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`heartbeat answered HTTP ${response.status}`);
  };
}
