import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { waitUntil } from './engine-process.js';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
// By absolute URL, so the CLI can run in a directory without config/dashwatch.yaml (env-only mode).
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** The node arguments that run `dashwatch <args>` from source (for wrappers such as `script`). */
export function cliArgv(args: readonly string[]): string[] {
  return ['--import', TSX, CLI, ...args];
}

/** An empty working directory: no config/dashwatch.yaml there, so the CLI runs in env-only mode. */
export function emptyDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'dashwatch-cli-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running `dashwatch <command>` and what it printed so far. */
export interface CliProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<Exit>;
  /** Resolves with the first stdout line matching `pattern`; fails after `timeoutMs` or if the process exits. */
  line(pattern: RegExp, timeoutMs: number): Promise<string>;
}

const running = new Set<CliProcess>();

/** `dashwatch <args>` in `cwd` with only `env` (and PATH): nothing of the runner's environment leaks in. */
export function spawnCli(args: string[], env: Record<string, string>, cwd: string): CliProcess {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const proc: CliProcess = {
    child,
    pid: child.pid ?? -1,
    stdout: () => out,
    stderr: () => err,
    exited,
    async line(pattern, timeoutMs) {
      const found = () => out.split('\n').find((line) => pattern.test(line));
      await waitUntil(() => found() !== undefined || gone(), `a line matching ${pattern}`, timeoutMs);
      const line = found();
      if (line === undefined) throw new Error(`exited before printing ${pattern}:\n${out}\n${err}`);
      return line;
    },
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  return proc;
}

/** Runs a one-shot command to its end. */
export async function runCli(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', TSX, CLI, ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** SIGKILLs every spawned CLI still running, and waits: for afterEach, whatever the test did. */
export async function killAllCli(): Promise<void> {
  await Promise.all(
    [...running].map((proc) => {
      proc.child.kill('SIGKILL');
      return proc.exited;
    }),
  );
}

/** Pids of every live descendant of `pid` (children, grandchildren…), from `ps`. */
export async function descendants(pid: number): Promise<number[]> {
  const table = await new Promise<string>((resolve, reject) =>
    execFile('ps', ['-e', '-o', 'pid=,ppid='], (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
  const children = new Map<number, number[]>();
  for (const row of table.trim().split('\n')) {
    const [child, parent] = row.trim().split(/\s+/).map(Number);
    if (child === undefined || parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of children.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A loopback port nothing listens on (taken from the OS, then released). */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port from the OS');
  return address.port;
}
