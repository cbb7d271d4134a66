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
