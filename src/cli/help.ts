import type { Command } from './command.js';

export function commandHelp(command: Command): string {
  const lines = [`usage: dashwatch ${command.usage}`, '', command.summary];
  const options = Object.entries(command.options);
  if (options.length > 0) {
    lines.push('', 'options:');
    for (const [name, option] of options) {
      const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}${option.type === 'string' ? ' VALUE' : ''}`;
      lines.push(`  ${flag.padEnd(24)} ${command.optionHelp[name] ?? ''}`);
    }
  }
  lines.push(`  ${'-h, --help'.padEnd(24)} show this help`);
  return lines.join('\n');
}

export function mainHelp(commands: readonly Command[]): string {
  return [
    'usage: dashwatch <command> [options]',
    '',
    'Watches Alibaba Cloud Model Studio (DashScope) jobs and tells Slack and email when they change.',
    '',
    'commands:',
    ...commands.map((command) => `  ${command.name.padEnd(12)} ${command.summary}`),
    '',
    "Run 'dashwatch <command> --help' for a command's options.",
    'Exit codes: 0 ok, 1 runtime failure, 2 bad usage or bad configuration;',
    'wait, logs --follow and import create --wait: 3 the job FAILED, 4 it was CANCELED, 5 timed out.',
  ].join('\n');
}
