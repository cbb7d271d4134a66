/** The page's stylesheet, served as /assets/page.css (the CSP allows no inline style). */
export const PAGE_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1d2329; --muted: #5d6873; --line: #d8dee4; --panel: #f5f7f9;
  --queued: #8a94a6; --running: #2f7de1; --succeeded: #1f9d55; --failed: #d93f3f; --canceled: #b7791f;
  --unknown: #9f7aea; --stuck: #fff4d6; --stuck-fg: #8a5a00; --now: #d93f3f;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14181d; --fg: #e3e8ee; --muted: #98a4b0; --line: #2c343d; --panel: #1b2128;
    --queued: #6f7a8c; --running: #4f95f0; --succeeded: #38b26d; --failed: #f06161; --canceled: #d69e2e;
    --unknown: #b794f4; --stuck: #3d3113; --stuck-fg: #f5c451; --now: #f06161;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 16px; }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 16px; padding-top: 12px; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 8px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
nav a { margin-right: 8px; color: var(--running); }
nav a[aria-current="page"] { font-weight: 600; color: var(--fg); text-decoration: none; }
.refresh, .generated, .more, footer { color: var(--muted); }
.refresh { margin: 0 0 0 auto; }
.count { color: var(--muted); font-weight: normal; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; background: var(--panel); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.name { overflow-wrap: anywhere; max-width: 320px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; overflow-wrap: anywhere; }
.none { color: var(--muted); }
.silenced { color: var(--muted); font-size: 0.9em; white-space: nowrap; }
.status, .health, .what { font-weight: 600; }
.queued { color: var(--queued); } .running { color: var(--running); } .succeeded, .health.ok { color: var(--succeeded); }
.failed, .health.failing { color: var(--failed); } .canceled, .health.stale { color: var(--canceled); } .unknown { color: var(--unknown); }
tr.stuck td { background: var(--stuck); }
.badge.stuck { color: var(--stuck-fg); border: 1px solid currentColor; border-radius: 3px; padding: 0 4px; font-size: 12px; }
.stuck-count { color: var(--stuck-fg); }
.why { color: var(--failed); }
svg.timeline { display: block; font-size: 11px; background: var(--panel); border: 1px solid var(--line); border-radius: 4px; }
svg.timeline text { fill: var(--fg); }
svg.timeline .label { text-anchor: end; }
svg.timeline .tick line { stroke: var(--line); }
svg.timeline .tick text, svg.timeline .now text { text-anchor: middle; fill: var(--muted); }
svg.timeline .now line { stroke: var(--now); stroke-width: 1.5; }
svg.timeline .now text { fill: var(--now); }
.seg.queued { fill: var(--queued); } .seg.running { fill: var(--running); } .seg.succeeded { fill: var(--succeeded); }
.seg.failed { fill: var(--failed); } .seg.canceled { fill: var(--canceled); } .seg.unknown { fill: var(--unknown); }
.seg.final { opacity: 0.5; }
.seg:hover { stroke: var(--fg); stroke-width: 1; }
.legend { list-style: none; padding: 0; display: flex; gap: 16px; color: var(--muted); }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
.swatch.queued { background: var(--queued); } .swatch.running { background: var(--running); }
.swatch.succeeded { background: var(--succeeded); } .swatch.failed { background: var(--failed); } .swatch.canceled { background: var(--canceled); }
.login { max-width: 420px; padding-top: 48px; }
.login form { display: grid; gap: 8px; }
.login input, .login button { font: inherit; padding: 6px 8px; }
.error { color: var(--failed); }
`;
