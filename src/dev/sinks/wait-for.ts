/** Resolves once `items` holds `count` entries (checked on every `subscribe` call), or rejects after `timeoutMs`. */
export function waitForCount<T>(
  items: readonly T[],
  count: number,
  timeoutMs: number,
  subscribe: (listener: () => void) => () => void,
  what: string,
): Promise<T[]> {
  if (items.length >= count) return Promise.resolve([...items]);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${count} ${what} (got ${items.length})`));
    }, timeoutMs);
    const unsubscribe = subscribe(() => {
      if (items.length < count) return;
      clearTimeout(timer);
      unsubscribe();
      resolve([...items]);
    });
  });
}
