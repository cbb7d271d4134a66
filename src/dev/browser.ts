import { accessSync, constants } from 'node:fs';
import { DashwatchError } from '../core/errors.js';

/** No Chromium to drive: the message is the one line that says what to install. */
export class BrowserUnavailableError extends DashwatchError {
  override readonly name = 'BrowserUnavailableError';

  constructor(message: string) {
    super(message, { code: 'BrowserUnavailable', retryable: false });
  }
}

/** Where distributions put Chromium; Debian's `chromium` package installs /usr/bin/chromium. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The system's Chromium: `CHROMIUM_PATH` when set, else the first of the usual paths that runs. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, candidates = CANDIDATES): string {
  const chosen = env.CHROMIUM_PATH?.trim();
  for (const path of chosen ? [chosen] : candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {}
  }
  throw new BrowserUnavailableError(
    chosen
      ? `CHROMIUM_PATH=${chosen} is not an executable; point it at Chromium or unset it`
      : 'no Chromium found: install the Debian package (apt-get install -y chromium) or set CHROMIUM_PATH',
  );
}

/**
 * Headless Chromium driven by puppeteer-core (which downloads no browser of its own). Sandboxing is
 * off because tests and CI run as root, where Chromium refuses its sandbox; the pages are our own.
 */
export async function launchChromium(env: NodeJS.ProcessEnv = process.env) {
  const executablePath = findChromium(env);
  const { launch } = await import('puppeteer-core');
  return launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--hide-scrollbars'],
  });
}
