import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const INVALID_DIR = fileURLToPath(new URL('../fixtures/config/invalid', import.meta.url));
export const INTERPOLATION = fileURLToPath(
  new URL('../fixtures/config/valid/interpolation.yaml', import.meta.url),
);
export const EXAMPLE_CONFIG = fileURLToPath(new URL('../../config/dashwatch.example.yaml', import.meta.url));

/** Fake secrets the invalid fixtures hold: no output may ever show them. */
export const FIXTURE_SECRETS = ['sk-dashwatch-FAKE-9f3c2a71', 'hunter2'];

/** The variables `config/dashwatch.example.yaml` references, with harmless values. */
export const EXAMPLE_ENV: Record<string, string> = {
  DASHSCOPE_API_KEY_PROD: 'sk-example-prod',
  DASHSCOPE_API_KEY_INTL: 'sk-example-intl',
  DASHSCOPE_API_KEY_RESEARCH: 'sk-example-research',
  SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T000/B000/XXXX',
  SLACK_BOT_TOKEN: 'xoxb-0000-example',
  SMTP_URL: 'smtp://dashwatch:secret@mail.example.com:587',
  HEARTBEAT_URL: 'https://hc-ping.com/00000000-0000-0000-0000-000000000000',
  DINGTALK_WEBHOOK_URL: 'https://oapi.dingtalk.com/robot/send?access_token=0000example',
  DINGTALK_SECRET: 'SEC0000000000000000000000000000000000000000000000000000000000000000',
  FEISHU_WEBHOOK_URL: 'https://open.feishu.cn/open-apis/bot/v2/hook/00000000-0000-0000-0000-000000000000',
  FEISHU_SECRET: 'feishuexamplesecret',
  WECOM_WEBHOOK_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=00000000-example',
  WEBHOOK_SECRET: 'whsec_MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA=',
};

export interface InvalidFixture {
  name: string;
  file: string;
  /** The problems, one line each, as in the sibling `.expected` file. */
  expected: string[];
}

/** Every `invalid/*.yaml` with the lines its `.expected` file says it must produce. */
export function invalidFixtures(): InvalidFixture[] {
  return readdirSync(INVALID_DIR)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.yaml'.length);
      const expected = readFileSync(join(INVALID_DIR, `${name}.expected`), 'utf8')
        .trimEnd()
        .split('\n');
      return { name, file: join(INVALID_DIR, file), expected };
    });
}
