import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { deadline } from '../core/deadline.js';
import { badResponse, classifyTransport, type ErrorContext, transportError } from './error-mapping.js';

/** Responses larger than this are refused rather than buffered: no DashScope page comes close. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** One HTTP attempt. */
export interface SendOptions {
  dispatcher: Dispatcher;
  /** Default GET. */
  method?: 'GET' | 'POST';
  /** A JSON body, sent with its content type. */
  body?: string;
  origin: string;
  /** Path with query string, e.g. `/api/v1/fine-tunes?page_no=2`. */
  path: string;
  headers: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** A response read to the end. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * Sends one request and reads the whole body within `timeoutMs` (headers and body together).
 * Throws `DashScopeError` with code `Timeout`, `NetworkError`, `Aborted`, or `BadResponse` for an
 * oversized body. Any status is returned, not thrown.
 */
export async function sendOnce(options: SendOptions, ctx: ErrorContext): Promise<RawResponse> {
  const { signal: callerSignal, timeoutMs } = options;
  const limit = deadline(timeoutMs, callerSignal);
  const failure = (error: unknown) =>
    transportError(
      classifyTransport(error, limit.timedOut, callerSignal?.aborted === true),
      error,
      ctx,
      timeoutMs,
    );

  try {
    let response: Dispatcher.ResponseData;
    try {
      response = await options.dispatcher.request({
        origin: options.origin,
        path: options.path,
        method: options.method ?? 'GET',
        headers:
          options.body === undefined
            ? options.headers
            : { ...options.headers, 'content-type': 'application/json' },
        ...(options.body === undefined ? {} : { body: options.body }),
        signal: limit.signal,
      });
    } catch (error) {
      throw failure(error);
    }
    let text: string | undefined;
    try {
      text = await readText(response.body);
    } catch (error) {
      throw failure(error);
    }
    if (text === undefined) {
      throw badResponse(`response body exceeds ${MAX_BODY_BYTES} bytes`, ctx, {
        httpStatus: response.statusCode,
      });
    }
    return { status: response.statusCode, headers: response.headers, text };
  } finally {
    limit.dispose();
  }
}

async function readText(body: Dispatcher.ResponseData['body']): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      return undefined;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
