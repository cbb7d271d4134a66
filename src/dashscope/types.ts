/**
 * Raw DashScope response shapes, as the vendor's pages (shared/seeds) show them.
 * Fields the API may omit are optional; nothing here is normalized.
 */

/** Success envelope of every endpoint. */
export interface RawEnvelope<T> {
  request_id: string;
  output: T;
}

/** Error body of every endpoint. */
export interface RawErrorBody {
  request_id?: string;
  code?: string;
  message?: string;
}

/** `output` of a paged list; the array's key differs per endpoint. */
export interface RawPage {
  total: number;
  page_no: number;
  page_size: number;
}

export interface RawFineTuneJob {
  job_id: string;
  job_name?: string;
  status: string;
  finetuned_output?: string;
  model?: string;
  base_model?: string;
  training_file_ids?: string[];
  validation_file_ids?: string[];
  hyper_parameters?: Record<string, unknown>;
  training_type?: string;
  /** `YYYY-MM-DD HH:mm:ss`, zoneless. */
  create_time?: string;
  end_time?: string;
  workspace_id?: string;
  user_identity?: string;
  modifier?: string;
  creator?: string;
  group?: string;
  usage?: number;
  code?: string;
  message?: string;
}
export interface RawFineTuneList extends RawPage {
  jobs: RawFineTuneJob[];
}

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

export interface RawCompressionJob {
  job_id: string;
  job_name?: string;
  job_description?: string;
  status: string;
  model?: string;
  base_model?: string;
  template_id?: string;
  template_name?: string;
  template_description?: string;
  training_type?: string;
  compress_type?: string;
  hyper_parameters?: Record<string, unknown>;
  custom_calibration_file_ids?: string[];
  quantized_output?: string | null;
  /** `YYYY-MM-DD HH:mm:ss`, zoneless. */
  create_time?: string;
  start_time?: string | null;
  end_time?: string | null;
  error?: { code?: string; message?: string } | null;
  group?: string;
  /** GPU seconds. */
  usage?: number;
}
export interface RawCompressionList extends RawPage {
  jobs: RawCompressionJob[];
}

export interface RawCheckpoint {
  checkpoint_id: string;
  full_name?: string;
  checkpoint?: string;
  job_id: string;
  step?: number;
  status: string;
  model_name?: string;
  model_display_name?: string;
  /** `2026-05-27T18:07:16`, zoneless. */
  create_time?: string;
  expire_time?: string;
}
/** The checkpoint list's `output` is a bare array, no paging. */
export type RawCheckpointList = RawCheckpoint[];

export interface FineTuneListQuery {
  page_no?: number;
  page_size?: number;
  model?: string;
}
export interface ImportListQuery {
  page_no?: number;
  page_size?: number;
  /** Exact, raw spelling (e.g. `SUCCESSED`). */
  status?: string;
  model_name?: string;
}
export interface CompressionListQuery {
  page_no?: number;
  page_size?: number;
  status?: string;
  model?: string;
  template_id?: string;
  job_name?: string;
  job_id?: string;
  start_time?: string;
  end_time?: string;
  sort_by?: 'create_time';
  sort_order?: 'asc' | 'desc';
}
