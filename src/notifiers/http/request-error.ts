import { NotifyError } from '../notify-error.js';

/**
 * A post that got no answer (refused, reset, DNS, timeout) or was aborted: always retryable. Only the
 * socket error's code is kept: messages name host and port, and a webhook URL's host may be a secret.
 */
export function requestFailure(
  channel: string,
  service: string,
  error: unknown,
  aborted: boolean,
): NotifyError {
  if (aborted)
    return new NotifyError({ channel, retryable: true, detail: `${service} post aborted`, code: 'aborted' });
  const code = socketCode(error) ?? 'network';
  return new NotifyError({ channel, retryable: true, detail: `${service} unreachable (${code})`, code });
}

function socketCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
    current = current.cause;
  }
  return undefined;
}
