import { parseConfigText } from '../../config/index.js';
import type { Config } from '../../config/schema.js';

export interface DemoEndpoints {
  redisUrl: string;
  prefix: string;
  simulatorUrl: string;
  apiKey: string;
  slackUrl: string;
  smtpUrl: string;
  dingtalkUrl: string;
  dingtalkSecret: string;
  webhookUrl: string;
  webhookSecret: string;
  /** The status page's port on 127.0.0.1. */
  httpPort: number;
}

/**
 * The demo's configuration, written as a user would write theirs (YAML through the real loader),
 * with intervals short enough to watch: 2 s polls, 2 s batching, a job stuck after 15 s in queue.
 */
export function demoConfig(endpoints: DemoEndpoints): Config {
  const yaml = `
timeZone: Asia/Shanghai
redis: { url: "${endpoints.redisUrl}", prefix: "${endpoints.prefix}" }
server: { port: ${endpoints.httpPort} }
polling: { interval: 2s, fullScanEvery: 1m }
thresholds:
  stuck: { QUEUING: 15s }
accounts:
  - name: demo
    apiKey: \${DEMO_API_KEY}
    baseUrl: "${endpoints.simulatorUrl}"
channels:
  team-slack: { type: slack, webhookUrl: "${endpoints.slackUrl}", groupWait: 2s, maxJobsPerMessage: 20 }
  oncall-mail:
    type: email
    smtpUrl: "${endpoints.smtpUrl}"
    from: dashwatch <dashwatch@demo.local>
    to: [ml-team@demo.local]
    groupWait: 2s
  team-dingtalk:
    type: dingtalk
    webhookUrl: "${endpoints.dingtalkUrl}"
    secret: \${DEMO_DINGTALK_SECRET}
    locale: zh-CN
    groupWait: 2s
  events-hook: { type: webhook, url: "${endpoints.webhookUrl}", secret: "\${DEMO_WEBHOOK_SECRET}", groupWait: 0 }
digests:
  daily: { channel: oncall-mail, cron: "0 9 * * *" }
`;
  return parseConfigText(
    yaml,
    {
      DEMO_API_KEY: endpoints.apiKey,
      DEMO_DINGTALK_SECRET: endpoints.dingtalkSecret,
      DEMO_WEBHOOK_SECRET: endpoints.webhookSecret,
    },
    'demo',
  );
}
