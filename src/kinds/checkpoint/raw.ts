/** A fine-tune checkpoint as `GET /fine-tunes/{id}/checkpoints` returns it (shared/seeds). */
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
