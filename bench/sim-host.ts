/**
 * Simulated accounts in a process of their own, so that the benchmark measuring dashwatch's memory
 * does not count the simulator's. Started by `scale.ts`; not run by hand.
 *
 * argv: accounts, jobs per account, kinds (comma-separated, one per account in turn), API key.
 * Prints one JSON line `{ accounts: [{ url, kind, live }] }` once ready; exits when stdin closes.
 */
import { type RunningSimulator, startSimulator } from '../src/dev/simulator/index.js';

const DONE: Record<'fine_tune' | 'model_import' | 'compression', string> = {
  fine_tune: 'SUCCEEDED',
  model_import: 'SUCCESSED',
  compression: 'SUCCEEDED',
};

const [accountsArg, jobsArg, kindsArg, key = 'sk-bench'] = process.argv.slice(2);
const accounts = Number(accountsArg);
const jobs = Number(jobsArg);
const kinds = (kindsArg ?? 'fine_tune').split(',') as (keyof typeof DONE)[];
const live = Math.max(1, Math.round(jobs / 100));
const start = Date.now() - (jobs + 600) * 1000;

const servers: RunningSimulator[] = [];
const described = [];
for (let a = 0; a < accounts; a++) {
  const kind = kinds[a % kinds.length] ?? 'fine_tune';
  const running = await startSimulator({ apiKeys: [key], seed: a + 1 });
  running.sim.createJobs({
    kind,
    count: jobs - live,
    status: DONE[kind],
    createdAt: new Date(start).toISOString(),
  });
  const createdAt = new Date(start + (jobs - live) * 1000).toISOString();
  const liveIds = running.sim
    .createJobs({ kind, count: live, status: 'RUNNING', createdAt })
    .map((j) => j.id);
  servers.push(running);
  described.push({ url: running.url, kind, live: liveIds });
}
process.stdout.write(`${JSON.stringify({ accounts: described })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void Promise.all(servers.map((s) => s.close())).then(() => process.exit(0));
});
