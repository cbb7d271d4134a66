import { describe, expect, it } from 'vitest';
import { BrowserUnavailableError, findChromium } from '../../src/dev/browser.js';

describe('finding Chromium', () => {
  it('says in one line what to install when no browser is there', () => {
    const error = (() => {
      try {
        findChromium({}, ['/nonexistent/chromium']);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(BrowserUnavailableError);
    expect((error as Error).message).toBe(
      'no Chromium found: install the Debian package (apt-get install -y chromium) or set CHROMIUM_PATH',
    );
  });

  it('takes CHROMIUM_PATH over the usual places, and names it when it does not run', () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath }, ['/nonexistent/chromium'])).toBe(
      process.execPath,
    );
    expect(() => findChromium({ CHROMIUM_PATH: '/nonexistent/chrome' })).toThrow(
      /^CHROMIUM_PATH=\/nonexistent\/chrome is not an executable; point it at Chromium or unset it$/,
    );
  });
});
