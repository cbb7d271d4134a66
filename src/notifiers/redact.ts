import { scrubSecrets } from '../core/secrets.js';
import { oneLine, shorten } from './render/index.js';

/**
 * Replaces every secret in third-party text (a server's reply, an error message) before it can
 * reach a `NotifyError` or a log line. Secrets shorter than 4 characters are skipped: replacing
 * them would mangle the text without protecting anything.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = scrubSecrets(text);
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** A short, single-line excerpt of third-party text, free of control characters and secrets. */
export function safeExcerpt(text: string, secrets: readonly string[], max = 200): string {
  return shorten(oneLine(redact(text, secrets)), max);
}
