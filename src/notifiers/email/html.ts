import { multiLine, oneLine, type Segment } from '../render/index.js';

/** Escapes text for HTML element content and attribute values alike. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A value's segments as HTML: API text escaped and in `<code>`, ours escaped. */
export function segmentsHtml(value: readonly Segment[]): string {
  return value
    .map((s) => (s.api ? `<code>${escapeHtml(oneLine(s.text))}</code>` : escapeHtml(s.text)))
    .join('');
}

/** A minimal, mail-client-safe HTML document around `body`. */
export function htmlDocument(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family: -apple-system, Segoe UI, Helvetica, Arial, sans-serif; font-size: 14px;">',
    body,
    '</body></html>',
  ].join('\n');
}

/** A two-column table of label → value rows (values already HTML). */
export function fieldTable(rows: readonly (readonly [label: string, valueHtml: string])[]): string {
  const cells = rows.map(
    ([label, value]) =>
      `<tr><th align="left" valign="top" style="padding: 2px 12px 2px 0;">${escapeHtml(label)}</th><td>${value}</td></tr>`,
  );
  return `<table cellspacing="0" cellpadding="0">\n${cells.join('\n')}\n</table>`;
}

/** Multi-line API text (an error message), escaped and kept preformatted. */
export function blockHtml(text: string): string {
  return `<pre style="white-space: pre-wrap; margin: 2px 0;">${escapeHtml(multiLine(text))}</pre>`;
}
