#!/usr/bin/env -S node --max-semi-space-size=2
// A small young generation: the daemon's live heap is ~25 MB, and V8's default 16 MB semi-spaces let
// RSS drift tens of MB above it between collections (bench/daemon-rss.ts, bench/startup.ts).
import { main } from './cli/main.js';

const code = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
process.exitCode = code;
