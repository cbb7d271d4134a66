// Bidi embeddings, overrides and isolates, direction marks, zero-width characters, word joiners, the
// BOM: characters that reorder or hide what is shown, so that API text could show one name and be
// another (`report<RLO>fdp.exe`).
const HIDDEN = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Text without the characters that reorder or hide what is shown. */
export function neutralize(value: string): string {
  return value.replace(HIDDEN, '');
}
