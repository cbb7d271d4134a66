import type { RawPage } from '../../dashscope/types.js';

/** A fine-tune as `GET /fine-tunes` and `GET /fine-tunes/{id}` return it (shared/seeds). */
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

export interface FineTuneListQuery {
  page_no?: number;
  page_size?: number;
  model?: string;
}
