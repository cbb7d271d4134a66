import type { Command } from '../command.js';
import { EXIT_OK } from '../command.js';
import { loadDevTool } from '../dev-tool.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'watch notifications flow from a simulated account (no account, Slack or mail server needed)',
  usage: 'demo',
  options: {},
  optionHelp: {},
  async run(_values, _positionals, io) {
    let signals = 0;
    const interrupted = new Promise<void>((resolve) => {
      const onSignal = () => {
        signals += 1;
        // A second Ctrl-C while cleaning up: leave at once.
        if (signals > 1) process.exit(130);
        io.out('stopping the demo…');
        resolve();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
    const { runDemo } = await loadDevTool(() => import('../../dev/demo/run-demo.js'));
    await runDemo({ out: io.out, env: io.env, interrupted });
    return EXIT_OK;
  },
};
