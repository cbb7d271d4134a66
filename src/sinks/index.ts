export { type ScriptedResponse, type SlackPost, type SlackSink, startSlackSink } from './slack-sink.js';
export { type ReceivedMail, type SmtpSink, startSmtpSink } from './smtp-sink.js';
