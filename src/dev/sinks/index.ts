export {
  type ScriptedResponse,
  type SlackFailRate,
  type SlackPost,
  type SlackSink,
  startSlackSink,
} from './slack-sink.js';
export { type ReceivedMail, type SmtpSink, startSmtpSink } from './smtp-sink.js';
