/**
 * Makes docs/status-page.png: runs `dashwatch demo`, waits until its story has moved jobs through
 * queued, running, failed and succeeded, and has headless Chromium photograph the status page.
 *
 *   node --import tsx scripts/status-page-screenshot.ts [--dark] [--out docs/status-page.png]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { launchChromium } from '../src/dev/browser.js';

const { values } = parseArgs({
  options: { dark: { type: 'boolean' }, out: { type: 'string', default: 'docs/status-page.png' } },
});
const out = resolve(values.out ?? 'docs/status-page.png');
// The demo's last scenario step (compression and the voice fine-tune succeed) and a poll after it;
// the demo stops its daemon about 8 s after that step, so the browser is started beforehand.
const READY = /\[account\] compression and the voice fine-tune succeed/;
const SETTLE_MS = 3000;

const demo = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'demo'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const exited = once(demo, 'exit');
const browser = await launchChromium();
try {
  let url: string | undefined;
  // Reads on to the end: a closed pipe would stop the demo at its next line.
  const lines = createInterface({ input: demo.stdout });
  await new Promise<void>((ready, fail) => {
    lines.on('line', (line) => {
      process.stdout.write(`demo: ${line}\n`);
      url ??= /Status page: (http:\/\/\S+)/.exec(line)?.[1];
      if (READY.test(line)) ready();
    });
    lines.on('close', () => fail(new Error('the demo ended before its story did')));
  });
  if (url === undefined) throw new Error('the demo printed no status page URL');
  const page = await browser.newPage();
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: values.dark ? 'dark' : 'light' }]);
  await page.setViewport({ width: 1200, height: 1400, deviceScaleFactor: 1 });
  await new Promise((done) => setTimeout(done, SETTLE_MS));
  // The demo's jobs are minutes old: an hour's window shows their bars.
  await page.goto(`${url}?hours=1`, { waitUntil: 'load' });
  // The top of the page: watches, the timeline, live jobs and the newest finished ones.
  await page.screenshot({ path: out as `${string}.png` });
  process.stdout.write(`wrote ${out}\n`);
} finally {
  await browser.close();
  demo.kill('SIGINT');
  await exited;
}
