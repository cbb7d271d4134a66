import { describe, expect, it } from 'vitest';
import { importBody } from '../../src/jobs/index.js';

const GOOD = {
  model: 'qwen3-32b',
  bucket: 'my-model-bucket',
  objectKey: 'models/qwen3-32b-lora/',
  weightType: 'lora',
  displayName: '我的 LoRA 调优模型',
};

describe('importBody', () => {
  it('builds the seed’s request body', () => {
    expect(importBody(GOOD)).toEqual({
      body: {
        model_name: 'qwen3-32b',
        display_name: '我的 LoRA 调优模型',
        source: 'oss',
        weight_type: 'lora',
        storage_info: { bucket_name: 'my-model-bucket', object_key: 'models/qwen3-32b-lora/' },
      },
    });
  });

  it('leaves display_name out when none is given, and counts 50 Chinese characters as 50', () => {
    const { displayName: _, ...rest } = GOOD;
    expect(importBody(rest)).toMatchObject({ body: { model_name: 'qwen3-32b' } });
    expect('display_name' in (importBody(rest) as { body: object }).body).toBe(false);
    expect(importBody({ ...GOOD, displayName: '模'.repeat(50) })).toHaveProperty('body');
  });

  it.each([
    ['no model', { model: undefined }, '--model is required'],
    ['no bucket', { bucket: ' ' }, '--bucket is required'],
    ['no object key', { objectKey: undefined }, '--object-key is required'],
    [
      'an object key without /',
      { objectKey: 'models/x' },
      '--object-key must be a path prefix ending in "/"',
    ],
    ['no weight type', { weightType: undefined }, '--weight-type is required (lora or full)'],
    ['weight type qlora', { weightType: 'qlora' }, '--weight-type must be lora or full (got "qlora")'],
    ['source s3', { source: 's3' }, '--source must be oss (got "s3")'],
    ['51 characters', { displayName: '模'.repeat(51) }, '--display-name is 51 characters; at most 50'],
    ['an empty display name', { displayName: '' }, '--display-name must not be empty'],
  ])('refuses %s', (_label, change, problem) => {
    const result = importBody({ ...GOOD, ...change });
    expect(result).toEqual({ problem: expect.stringContaining(problem) });
  });
});
