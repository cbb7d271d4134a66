import { DashScopeError } from '../../dashscope/index.js';
import { type CommandIo, EXIT_FAILURE } from '../command.js';
import { printable } from '../printable.js';
import { type OpenAccount, openAccount } from './account.js';

/**
 * Runs `work` against the chosen account and closes its client after. A failed call is one line on
 * stderr with the vendor's code and message as it wrote them (Chinese included), and exit 1.
 */
export async function withAccount(
  command: string,
  values: Record<string, unknown>,
  io: CommandIo,
  work: (account: OpenAccount) => Promise<number>,
): Promise<number> {
  const account = await openAccount(values, io);
  try {
    return await work(account);
  } catch (error) {
    if (!(error instanceof DashScopeError)) throw error;
    io.err(`dashwatch ${command}: ${apiErrorLine(error)}`);
    return EXIT_FAILURE;
  } finally {
    await account.close();
  }
}

/** `NotFound: Not Found! (HTTP 404, request_id …)`: the code first, for scripts to match. */
export function apiErrorLine(error: DashScopeError): string {
  const context = [error.endpoint];
  if (error.httpStatus !== undefined) context.push(`HTTP ${error.httpStatus}`);
  if (error.requestId !== undefined) context.push(`request_id ${error.requestId}`);
  if (error.attempts > 1) context.push(`${error.attempts} attempts`);
  return printable(`${error.code}: ${error.detail} (${context.join(', ')})`);
}
