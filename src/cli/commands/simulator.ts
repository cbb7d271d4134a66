import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { loadDevTool } from '../dev-tool.js';

export const simulatorCommand: Command = {
  name: 'simulator',
  summary: 'run the DashScope simulator on loopback (no account needed)',
  usage: 'simulator [--port N] [--key KEY]...',
  options: { port: { type: 'string', short: 'p' }, key: { type: 'string', multiple: true } },
  optionHelp: {
    port: 'port to listen on (default 8089; 0 picks a free one)',
    key: 'an API key the simulator accepts (default sk-sim-demo); repeatable',
  },
  async run(values, _positionals, io) {
    const port = Number(values.port ?? 8089);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port: not a port: ${values.port}`);
    const keys = values.key as unknown as string[] | undefined;
    const { startSimulator } = await loadDevTool(() => import('../../dev/simulator/index.js'));
    const running = await startSimulator({ port, ...(keys?.length ? { apiKeys: keys } : {}) });
    io.out(`DashScope simulator listening on ${running.url} (control API under ${running.url}/_sim/)`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await running.close();
    return 0;
  },
};
