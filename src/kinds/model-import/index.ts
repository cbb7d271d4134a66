import { defineKind } from '../kind.js';
import { STANDARD_SPELLINGS } from '../normalize/status.js';
import { normalizeModelImport } from './normalize.js';
import { pollImports } from './poll.js';

declare module '../../core/types.js' {
  interface JobKindNames {
    model_import: true;
  }
}

/** Model imports: filterable by status, in an undocumented order (see poll.ts). Beijing only. */
export const modelImport = defineKind({
  kind: 'model_import',
  label: 'Model import',
  idField: 'job_id',
  idShape: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  // The import endpoints spell success `SUCCESSED`; the usual spelling is kept in case they mend it.
  spellings: { ...STANDARD_SPELLINGS, SUCCESSED: 'SUCCEEDED' },
  list: { path: '/custom_models/import', itemsKey: 'list' },
  detailPath: (id) => `/custom_models/import/${encodeURIComponent(id)}`,
  normalize: normalizeModelImport,
  poll: pollImports,
  canBeStuck: true,
});
