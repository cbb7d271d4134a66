import { readFileSync } from 'node:fs';

// package.json sits two levels above this file in both src/ and dist/.
const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export const VERSION: string = manifest.version;
export const USER_AGENT = `dashwatch/${VERSION}`;
