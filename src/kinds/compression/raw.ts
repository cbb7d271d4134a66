import type { RawPage } from '../../dashscope/types.js';

/** A compression job as `GET /fine-tunes/compress/jobs` returns it (shared/seeds). */
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
