/**
 * Structural checks on `output` before it is handed on typed. Each returns a short description of
 * the first problem found, or undefined when the shape is usable. A list is judged by its envelope
 * only: one malformed item must not blind a whole watch, so items are checked (and skipped) by the
 * normalizer, which also keeps such a listing from counting as complete.
 */

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A job item of any kind: an object with string `job_id` and `status`. */
export function jobProblem(value: unknown, where = 'output'): string | undefined {
  if (!isObject(value)) return `${where} is not an object`;
  if (typeof value.job_id !== 'string') return `${where}.job_id is not a string`;
  if (typeof value.status !== 'string') return `${where}.status is not a string`;
  return undefined;
}

/** A paged list: numeric `total` and an array under `key`. */
export function listProblem(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return 'output is not an object';
  const total = value.total;
  if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) {
    return 'output.total is not a non-negative integer';
  }
  const items = value[key];
  if (!Array.isArray(items)) return `output.${key} is not an array`;
  return undefined;
}

/** A bare-array `output` (a fine-tune's checkpoints). */
export function arrayProblem(value: unknown): string | undefined {
  return Array.isArray(value) ? undefined : 'output is not an array';
}

/** Any object `output` (a fine-tune's logs, a created job); its fields are checked by the caller. */
export function objectProblem(value: unknown): string | undefined {
  return isObject(value) ? undefined : 'output is not an object';
}
