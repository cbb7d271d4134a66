import { DashScopeConfigError } from './dashscope-config-error.js';

/** Origins of the vendor's public regions; the native API lives under `/api/v1`. */
export const REGIONS = {
  'cn-beijing': 'https://dashscope.aliyuncs.com',
  'ap-southeast-1': 'https://dashscope-intl.aliyuncs.com',
  'us-east-1': 'https://dashscope-us.aliyuncs.com',
  'cn-hongkong': 'https://cn-hongkong.dashscope.aliyuncs.com',
} as const satisfies Record<string, string>;

export type RegionId = keyof typeof REGIONS;

/** The region used when neither a region nor a base URL is given (the vendor SDK's default). */
export const DEFAULT_REGION: RegionId = 'cn-beijing';

const API_PATH = '/api/v1';

/** Where a client should send its calls. */
export interface BaseUrlOptions {
  region?: string;
  /** An origin such as `https://ws-1.cn-beijing.maas.aliyuncs.com`, with or without `/api/v1`. Wins over `region`. */
  baseUrl?: string;
}

export function isRegionId(value: string): value is RegionId {
  return Object.hasOwn(REGIONS, value);
}

/**
 * Returns `<origin>/api/v1` for a region or an explicit base URL (no trailing slash).
 * Throws `DashScopeConfigError` for an unknown region or a URL that is not a plain http(s) origin.
 */
export function resolveBaseUrl(options: BaseUrlOptions = {}): string {
  if (options.baseUrl !== undefined) return normalizeBaseUrl(options.baseUrl);
  const region = options.region ?? DEFAULT_REGION;
  if (!isRegionId(region)) {
    throw new DashScopeConfigError(
      `unknown DashScope region "${region}" (known: ${Object.keys(REGIONS).join(', ')}); set baseUrl for other hosts`,
    );
  }
  return `${REGIONS[region]}${API_PATH}`;
}

function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new DashScopeConfigError(`DashScope baseUrl is not a valid URL: "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DashScopeConfigError(`DashScope baseUrl must use http or https, got "${url.protocol}"`);
  }
  // Credentials in the URL would leak into every error's endpoint and every log line.
  if (url.username !== '' || url.password !== '') {
    throw new DashScopeConfigError('DashScope baseUrl must not contain credentials');
  }
  if (url.search !== '' || url.hash !== '') {
    throw new DashScopeConfigError('DashScope baseUrl must not have a query or fragment');
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (path !== '' && path !== API_PATH) {
    throw new DashScopeConfigError(
      `DashScope baseUrl must be an origin, optionally followed by ${API_PATH}; got path "${url.pathname}"`,
    );
  }
  return `${url.origin}${API_PATH}`;
}
