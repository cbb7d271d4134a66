import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { errorFromHttp, summarizeCause, transportError } from '../../src/dashscope/error-mapping.js';
import { DashScopeError } from '../../src/dashscope/index.js';

const SECRET = 'sk-unit-SECRET-1234';
const ctx = {
  endpoint: 'GET /api/v1/fine-tunes/ft-1',
  attempt: 1,
  scrub: (text: string) => text.split(SECRET).join('[redacted]'),
};

// Error bodies exactly as the vendor's pages (shared/seeds) show them.
const SEEDS = {
  notFound:
    '{"code": "NotFound", "request_id": "BE213CDD-8A5C-59EE-9A67-055EAB0CB59B", "message": "Not Found!"}',
  invalidParameter: `{
"request_id": "uuid-string",
"code": "InvalidParameter",
"message": "The specified model 'xxx-lora-yyy' is a LoRA model and not supported for quantization."
}`,
  operationDenied: `{
    "request_id": "ca21****-b91b-****-bd35-c41c********",
    "code": "OperationDenied",
    "message": "The import job is currently running and cannot be deleted."
}`,
};

describe('errorFromHttp', () => {
  it.each([
    [404, SEEDS.notFound, 'NotFound', 'BE213CDD-8A5C-59EE-9A67-055EAB0CB59B', 'Not Found!', false],
    [
      400,
      SEEDS.invalidParameter,
      'InvalidParameter',
      'uuid-string',
      "The specified model 'xxx-lora-yyy' is a LoRA model and not supported for quantization.",
      false,
    ],
    [
      400,
      SEEDS.operationDenied,
      'OperationDenied',
      'ca21****-b91b-****-bd35-c41c********',
      'The import job is currently running and cannot be deleted.',
      false,
    ],
    [
      401,
      '{"request_id":"r1","code":"InvalidApiKey","message":"Invalid API-key provided."}',
      'InvalidApiKey',
      'r1',
      'Invalid API-key provided.',
      false,
    ],
    [
      429,
      '{"request_id":"r2","code":"Throttling","message":"Requests throttling triggered."}',
      'Throttling',
      'r2',
      'Requests throttling triggered.',
      true,
    ],
    [
      500,
      '{"request_id":"r3","code":"InternalError","message":"Internal server error!"}',
      'InternalError',
      'r3',
      'Internal server error!',
      true,
    ],
  ])('HTTP %i %s', (status, body, code, requestId, message, retryable) => {
    const error = errorFromHttp(status, body, ctx);
    expect(error).toBeInstanceOf(DashScopeError);
    expect(error).toMatchObject({
      httpStatus: status,
      code,
      requestId,
      retryable,
      detail: message,
      attempts: 1,
    });
    expect(error.endpoint).toBe(ctx.endpoint);
    expect(error.message).toContain(message);
    expect(error.message).toContain(code);
    expect(error.message).toContain(requestId);
    expect(error.message).toContain(ctx.endpoint);
  });

  it.each([
    [502, '<html><body>Bad Gateway</body></html>', true],
    [503, '', true],
    [418, '[1,2]', false],
    [400, '{"request_id": 5, "code": ""}', false],
  ])('HTTP %i without a vendor body → HttpError', (status, body, retryable) => {
    const error = errorFromHttp(status, body, ctx);
    expect(error).toMatchObject({ code: 'HttpError', httpStatus: status, retryable });
    expect(error.requestId).toBeUndefined();
    expect(error.message).toContain(`HTTP ${status}`);
  });

  it('keeps a code without a message', () => {
    expect(errorFromHttp(403, '{"code":"Workspace.AccessDenied"}', ctx)).toMatchObject({
      code: 'Workspace.AccessDenied',
      detail: 'Workspace.AccessDenied',
    });
  });

  it('scrubs the key if a server echoes it', () => {
    const error = errorFromHttp(
      401,
      JSON.stringify({ code: 'InvalidApiKey', message: `bad key ${SECRET}` }),
      ctx,
    );
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });
});

describe('DashScopeError serialization', () => {
  it('JSON carries message and fields', () => {
    const error = errorFromHttp(404, SEEDS.notFound, ctx);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: 'DashScopeError',
      code: 'NotFound',
      httpStatus: 404,
      requestId: 'BE213CDD-8A5C-59EE-9A67-055EAB0CB59B',
      endpoint: ctx.endpoint,
      retryable: false,
      attempts: 1,
      message: expect.stringContaining('Not Found!'),
    });
  });

  it('keeps only name, code and message of a wrapped cause', () => {
    const raw = Object.assign(new Error(`connect ECONNREFUSED (${SECRET})`), {
      code: 'ECONNREFUSED',
      options: { headers: { authorization: `Bearer ${SECRET}` } },
    });
    const error = transportError('network', raw, ctx, 1000);
    expect(error).toMatchObject({ code: 'NetworkError', retryable: true });
    expect(error.cause).toEqual({
      name: 'Error',
      code: 'ECONNREFUSED',
      message: 'connect ECONNREFUSED ([redacted])',
    });
    for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(text).not.toContain(SECRET);
    }
  });

  it.each([
    ['timeout', 'Timeout', true],
    ['aborted', 'Aborted', false],
  ] as const)('%s → %s', (kind, code, retryable) => {
    expect(transportError(kind, undefined, ctx, 300)).toMatchObject({ code, retryable });
  });

  it('summarizes non-Error causes', () => {
    expect(summarizeCause('boom', ctx.scrub)).toEqual({ name: 'Error', message: 'boom' });
  });
});
