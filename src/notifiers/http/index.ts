export {
  type AnswerFields,
  type BodyCodeMeaning,
  bodyCodeFailure,
  classifyChatAnswer,
  httpFailure,
} from './chat-answer.js';
export { type HttpAnswer, jsonObject, type PostOutcome, postJson } from './post.js';
export { requestFailure } from './request-error.js';
export { urlSecrets } from './url-secrets.js';
