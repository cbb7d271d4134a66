import type { RawImportCreateBody } from '../kinds/model-import/raw.js';

/** What `dashwatch import create` is given, before it is checked. */
export interface ImportInput {
  model?: string | undefined;
  bucket?: string | undefined;
  objectKey?: string | undefined;
  weightType?: string | undefined;
  displayName?: string | undefined;
  source?: string | undefined;
}

export const IMPORT_WEIGHT_TYPES = ['lora', 'full'] as const;
export const IMPORT_SOURCES = ['oss'] as const;
export const DISPLAY_NAME_MAX = 50;

/**
 * The request body for an import, or the first problem with the input, checked the way the vendor
 * checks it (shared/seeds/import-job-create): nothing is sent that the API would refuse for its shape.
 */
export function importBody(input: ImportInput): { body: RawImportCreateBody } | { problem: string } {
  const model = input.model?.trim();
  if (!model) return { problem: '--model is required (the base model, e.g. qwen3-32b)' };
  const bucket = input.bucket?.trim();
  if (!bucket) return { problem: '--bucket is required (the OSS bucket holding the weights)' };
  const objectKey = input.objectKey?.trim();
  if (!objectKey) return { problem: '--object-key is required (the weights’ path prefix, ending in /)' };
  if (!objectKey.endsWith('/'))
    return { problem: `--object-key must be a path prefix ending in "/" (got "${objectKey}")` };
  const weightType = input.weightType;
  if (weightType === undefined)
    return { problem: `--weight-type is required (${IMPORT_WEIGHT_TYPES.join(' or ')})` };
  if (!(IMPORT_WEIGHT_TYPES as readonly string[]).includes(weightType))
    return { problem: `--weight-type must be ${IMPORT_WEIGHT_TYPES.join(' or ')} (got "${weightType}")` };
  const source = input.source ?? 'oss';
  if (!(IMPORT_SOURCES as readonly string[]).includes(source))
    return { problem: `--source must be ${IMPORT_SOURCES.join(' or ')} (got "${source}")` };
  const displayName = input.displayName;
  // Characters as people count them: 50 Chinese characters are 50, not 100 UTF-16 units or 150 bytes.
  if (displayName !== undefined && [...displayName].length > DISPLAY_NAME_MAX)
    return {
      problem: `--display-name is ${[...displayName].length} characters; at most ${DISPLAY_NAME_MAX} are allowed`,
    };
  if (displayName !== undefined && displayName.trim() === '')
    return { problem: '--display-name must not be empty (leave it out to use the base model’s name)' };
  return {
    body: {
      model_name: model,
      ...(displayName === undefined ? {} : { display_name: displayName }),
      source,
      weight_type: weightType,
      storage_info: { bucket_name: bucket, object_key: objectKey },
    },
  };
}
