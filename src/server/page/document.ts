import { html, type Interpolation, type SafeHtml } from './html.js';

export interface DocumentParts {
  title: string;
  /** Seconds between reloads when JavaScript is off; none for a page that should not reload. */
  reloadSeconds?: number;
  body: Interpolation;
}

/**
 * The page shell: a stylesheet and a deferred script from this server only (the CSP allows no
 * inline code), light and dark from the system setting, and a plain reload where scripts are off.
 */
export function documentHtml(parts: DocumentParts): SafeHtml {
  const reload =
    parts.reloadSeconds === undefined
      ? ''
      : html`<noscript><meta http-equiv="refresh" content="${parts.reloadSeconds}"></noscript>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${parts.title}</title>
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/page.css">
<script src="/assets/page.js" defer></script>
${reload}
</head>
<body>
${parts.body}
</body>
</html>
`;
}
