import { SimulatorError } from '../errors.js';
import type { CreateJobsSpec } from '../model.js';

/** Base models the simulated account may import weights for; any other answers 404 NotFound, as the seed says. */
export const IMPORTABLE_MODELS: readonly string[] = ['qwen3-32b', 'qwen3-14b', 'qwen3-8b'];

const WEIGHT_TYPES = ['lora', 'full'];
const SOURCES = ['oss'];
const DISPLAY_NAME_MAX = 50;

function invalid(message: string): SimulatorError {
  return new SimulatorError(400, 'InvalidParameter', message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function required(body: Record<string, unknown>, field: string, where = field): string {
  const value = body[field];
  if (value === undefined || value === null || value === '')
    throw invalid(`Required parameter '${where}' missing.`);
  if (typeof value !== 'string') throw invalid(`Parameter '${where}' must be a string.`);
  return value;
}

/**
 * `POST /custom_models/import` checked the way the seed documents (import-job-create.zh-CN): required
 * `model_name`, `source` (only `oss`), `weight_type` (`lora` or `full`), `storage_info.bucket_name` and
 * `storage_info.object_key` (a prefix ending in `/`); `display_name` at most 50 characters. A base model
 * that cannot be imported is a 404 `NotFound`.
 */
export function importSpecFrom(body: unknown): CreateJobsSpec {
  if (!isObject(body)) throw invalid('The request body must be a JSON object.');
  const model = required(body, 'model_name');
  const displayName = body.display_name;
  if (displayName !== undefined && displayName !== null && typeof displayName !== 'string')
    throw invalid("Parameter 'display_name' must be a string.");
  if (typeof displayName === 'string' && [...displayName].length > DISPLAY_NAME_MAX)
    throw invalid(`Parameter 'display_name' must be at most ${DISPLAY_NAME_MAX} characters.`);
  const source = required(body, 'source');
  if (!SOURCES.includes(source)) throw invalid(`Parameter 'source' must be one of: ${SOURCES.join(', ')}.`);
  const weightType = required(body, 'weight_type');
  if (!WEIGHT_TYPES.includes(weightType))
    throw invalid(`Parameter 'weight_type' must be one of: ${WEIGHT_TYPES.join(', ')}.`);
  const storage = body.storage_info;
  if (storage === undefined || storage === null) throw invalid("Required parameter 'storage_info' missing.");
  if (!isObject(storage)) throw invalid("Parameter 'storage_info' must be an object.");
  const bucketName = required(storage, 'bucket_name', 'storage_info.bucket_name');
  const objectKey = required(storage, 'object_key', 'storage_info.object_key');
  if (!objectKey.endsWith('/')) throw invalid("Parameter 'storage_info.object_key' must end with '/'.");
  if (!IMPORTABLE_MODELS.includes(model)) throw new SimulatorError(404, 'NotFound', 'Not Found!');
  return {
    kind: 'model_import',
    model,
    baseModel: model,
    ...(typeof displayName === 'string' && displayName !== '' ? { name: displayName } : {}),
    weightType,
    storage: { bucketName, objectKey },
  };
}
