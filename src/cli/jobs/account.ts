import type { Logger } from '../../core/logger.js';
import type { DashScopeClient } from '../../dashscope/index.js';
import type { JobsApi } from '../../kinds/index.js';
import { type CommandIo, UsageError } from '../command.js';
import { configFor } from '../load-config.js';

/** One account, ready to call: its client (closed by `close`), the poller's view of it, and its settings. */
export interface OpenAccount {
  name: string;
  client: DashScopeClient;
  api: JobsApi;
  timeZone: string;
  checkpointModels: readonly string[];
  logger: Logger;
  close(): Promise<void>;
}

/**
 * The account a job command runs against: `--account NAME` from the configuration, else its only
 * account (env-only mode has exactly one, from `DASHSCOPE_API_KEY`). Loading the configuration
 * registers its secrets, so the key is scrubbed from anything printed after.
 */
export async function openAccount(values: Record<string, unknown>, io: CommandIo): Promise<OpenAccount> {
  const { config } = await configFor(values, io);
  const names = config.accounts.map((account) => account.name);
  const wanted = typeof values.account === 'string' ? values.account : undefined;
  const account =
    wanted === undefined
      ? config.accounts.length === 1
        ? config.accounts[0]
        : undefined
      : config.accounts.find((candidate) => candidate.name === wanted);
  if (account === undefined) {
    throw new UsageError(
      wanted === undefined
        ? `the configuration has ${names.length} accounts: choose one with --account (${names.join(', ')})`
        : `no account named "${wanted}" (configured: ${names.join(', ')})`,
    );
  }
  const [{ createDashScopeClient }, { jobsApiFromClient }, { commandLogger }] = await Promise.all([
    import('../../dashscope/index.js'),
    import('../../watch/client-jobs-api.js'),
    import('../logger.js'),
  ]);
  // Logs go to stderr, quiet by default (LOG_LEVEL=warn shows retries): stdout is the command's output.
  const logger = commandLogger(io.env, 'error', process.stderr);
  const client = createDashScopeClient({
    apiKey: account.apiKey,
    ...(account.region && { region: account.region }),
    ...(account.baseUrl && { baseUrl: account.baseUrl }),
    ...(account.workspace && { workspace: account.workspace }),
    timeoutMs: config.polling.requestTimeout,
    logger,
  });
  return {
    name: account.name,
    client,
    api: jobsApiFromClient(client),
    timeZone: account.timeZone ?? config.timeZone,
    checkpointModels: config.polling.checkpointModels,
    logger,
    close: () => client.close(),
  };
}
