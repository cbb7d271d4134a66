import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./engine-child.ts', import.meta.url));
const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
// `--import tsx` resolves from the working directory: the repository root.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** One pino JSON line of a child's stdout. */
export interface LogLine {
  level: number;
  time: number;
  msg: string;
  watch?: string;
  result?: string;
  durationMs?: number;
  [field: string]: unknown;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** An engine child (`engine-child.ts`) or a CLI child, and what it has printed so far. */
export interface EngineProcess {
  readonly child: ChildProcess;
  /** stdout lines that are not JSON: `READY`, `STEP …`. */
  readonly lines: string[];
  readonly logs: LogLine[];
  readonly stderr: () => string;
  readonly exited: Promise<Exit>;
  /** Resolves when the child printed `READY`; rejects if it exits first or takes over `timeoutMs`. */
  ready(timeoutMs?: number): Promise<void>;
  /** The `poll cycle` lines, optionally of one watch. */
  cycles(watch?: string): LogLine[];
}

const running = new Set<EngineProcess>();

/** Starts an engine child with `env` on top of this process's environment. */
export function spawnEngine(env: Record<string, string>): EngineProcess {
  return spawnTsx([ENTRY], env);
}

/** Starts the real CLI (`node --import tsx src/cli.ts …args`); its pino lines land in `logs`. */
export function spawnLoggedCli(args: readonly string[], env: Record<string, string> = {}): EngineProcess {
  return spawnTsx([CLI, ...args], env);
}

/** Starts `node --import tsx …args` (a test's own script), tracked like the others. */
export function spawnTsx(args: readonly string[], env: Record<string, string> = {}): EngineProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const logs: LogLine[] = [];
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  if (child.stdout !== null) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const log = line.startsWith('{') ? parseLog(line) : undefined;
      if (log === undefined) lines.push(line);
      else logs.push(log);
    });
  }
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const proc: EngineProcess = {
    child,
    lines,
    logs,
    stderr: () => stderr,
    exited,
    async ready(timeoutMs = 15_000) {
      const gone = () => child.exitCode !== null || child.signalCode !== null;
      await waitUntil(() => lines.includes('READY') || gone(), 'READY', timeoutMs);
      if (!lines.includes('READY')) {
        throw new Error(`engine child exited before READY (${JSON.stringify(await exited)}):\n${stderr}`);
      }
    },
    cycles: (watch) =>
      logs.filter((l) => l.msg === 'poll cycle' && (watch === undefined || l.watch === watch)),
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  return proc;
}

/** A pino line, or undefined for a line cut short (a SIGKILL can land in the middle of one). */
function parseLog(line: string): LogLine | undefined {
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    return undefined;
  }
}

/** SIGKILLs every child still running and waits for them: for afterEach, whatever the test did. */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...running].map((proc) => {
      proc.child.kill('SIGKILL');
      return proc.exited;
    }),
  );
}

/** Polls `probe` until it returns something truthy, failing with `what` after `timeoutMs`. */
export async function waitUntil<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
