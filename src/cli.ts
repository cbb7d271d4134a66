#!/usr/bin/env -S node --optimize-for-size --max-semi-space-size=1 --liftoff-only
// V8 tuned for a daemon whose live heap is ~25 MB: a small young generation and a heap that grows
// slowly keep RSS near it, and compiling undici's HTTP parser (WebAssembly) with the baseline compiler
// only avoids a 30 MB spike at start-up (bench/daemon-rss.ts, bench/startup.ts). The Dockerfile
// runs the same flags.
import { main } from './cli/main.js';
import { scrubSecrets } from './core/secrets.js';

// Whatever a command prints, API text included (a peer may echo a key back), carries no secret.
const code = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${scrubSecrets(line)}\n`),
  err: (line) => process.stderr.write(`${scrubSecrets(line)}\n`),
  env: process.env,
  ...(process.stdout.isTTY
    ? { tty: { write: (text) => process.stdout.write(text), columns: () => process.stdout.columns || 80 } }
    : {}),
});
process.exitCode = code;
