/** Job tools for the command line: create an import, wait for any job, read a fine-tune's logs. */
export { type CheckpointProgress, checkpointProgress } from './checkpoint-progress.js';
export { type CreatedImport, type CreateImportContext, createImport } from './create-import.js';
export {
  type LogChunk,
  MAX_LOG_LINES_PER_REQUEST,
  readLogs,
  readLogsFrom,
  tailOffset,
} from './fine-tune-logs.js';
export {
  DISPLAY_NAME_MAX,
  IMPORT_SOURCES,
  IMPORT_WEIGHT_TYPES,
  type ImportInput,
  importBody,
} from './import-request.js';
export { JobNotFoundError } from './job-not-found-error.js';
export { type WaitOptions, type WaitOutcome, type WaitUpdate, waitForJob } from './wait-for-job.js';
