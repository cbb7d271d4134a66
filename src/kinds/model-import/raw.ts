import type { RawPage } from '../../dashscope/types.js';

/** A model import as `GET /custom_models/import` returns it (shared/seeds). */
export interface RawImportJob {
  job_id: string;
  /** System-generated, deployable model name. */
  model_name?: string;
  display_name?: string;
  /** `PENDING`, `RUNNING`, `SUCCESSED` (sic), `FAILED`. */
  status: string;
  source?: string;
  weight_type?: string;
  storage_info?: { bucket_name?: string; object_key?: string };
  /** Free text on failure, often Chinese; not a code. */
  error_code?: string;
  /** `2024-01-01T12:00:00.000+00:00`. */
  gmt_create?: string;
}
export interface RawImportList extends RawPage {
  list: RawImportJob[];
}

export interface ImportListQuery {
  page_no?: number;
  page_size?: number;
  /** Exact, raw spelling (e.g. `SUCCESSED`). */
  status?: string;
  model_name?: string;
}

/** The body of `POST /custom_models/import` (shared/seeds/import-job-create). */
export interface RawImportCreateBody {
  /** The base model, e.g. `qwen3-32b`. */
  model_name: string;
  /** At most 50 characters; the base model's name when absent. */
  display_name?: string;
  /** Only `oss` so far. */
  source: string;
  weight_type: string;
  storage_info: { bucket_name: string; object_key: string };
}
