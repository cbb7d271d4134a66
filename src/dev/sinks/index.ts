export { type DingtalkSink, type DingtalkSinkOptions, startDingtalkSink } from './dingtalk-sink.js';
export { type FeishuSink, type FeishuSinkOptions, startFeishuSink } from './feishu-sink.js';
export {
  busiestWindow,
  type HttpSink,
  json200,
  type SinkAnswer,
  type SinkAttempt,
  type SinkRequest,
  startHttpSink,
} from './http-sink.js';
export {
  type SlackApiCall,
  type SlackApiMessage,
  type SlackApiScript,
  type SlackApiSink,
  startSlackApiSink,
} from './slack-api-sink.js';
export {
  type ScriptedResponse,
  type SlackFailRate,
  type SlackPost,
  type SlackSink,
  startSlackSink,
} from './slack-sink.js';
export { type ReceivedMail, type SmtpSink, startSmtpSink } from './smtp-sink.js';
export { startWebhookSink, type WebhookSink } from './webhook-sink.js';
export { startWecomSink, type WecomSink, type WecomSinkOptions } from './wecom-sink.js';
