import { masters, type RedisClient } from './client.js';

/**
 * Every key matching `pattern`, a batch at a time, by SCAN (a large keyspace is not blocked). On a
 * Cluster each master is scanned: a SCAN sent to the cluster sees one node only. Each batch comes
 * with the node that holds it, so that single-key commands on them need no redirection.
 */
export async function* scanKeys(
  client: RedisClient,
  pattern: string,
  count = 1000,
): AsyncGenerator<{ node: ReturnType<typeof masters>[number]; keys: string[] }> {
  for (const node of masters(client)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      if (keys.length > 0) yield { node, keys };
    } while (cursor !== '0');
  }
}
