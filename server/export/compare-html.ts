/**
 * Comparison -> one standalone HTML page (`compare.html`): inline CSS, the two emotion curves as inline SVG,
 * no scripts (served with the same CSP as the summary's HTML), every user string escaped.
 */
import type { Comparison } from '../../shared/board/compare.js';
import { renderCompareChartSvg } from './compare-chart-svg.js';
import { actionRows, COMPARE_TEXT as T, emotionRows, metricRows, painRows, rankRows, sideText, stillRows } from './compare-text.js';
import { escapeXml as e } from './escape.js';
import { HTML_CSP } from './html.js';
import { displayText, oneLine } from './text.js';

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#eef1f4;color:#1f2d3a;font:15px/1.5 "Segoe UI","Helvetica Neue",Helvetica,Arial,"DejaVu Sans",sans-serif}
main{max-width:980px;margin:24px auto;background:#fff;padding:40px 48px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
header{border-bottom:3px solid #1f2d3a;padding-bottom:14px;margin-bottom:20px}
.kicker{text-transform:uppercase;letter-spacing:.12em;font-size:12px;color:#6b7682;font-weight:600}
h1{font-size:28px;line-height:1.2;margin:6px 0 8px}
h2{font-size:20px;margin:30px 0 10px;padding-bottom:6px;border-bottom:1px solid #d9dee3}
h3{font-size:16px;margin:18px 0 6px}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:12px;font-size:14px}
.side{border:1px solid #d9dee3;border-radius:8px;padding:8px 12px;background:#f8fafb}
.method{border-left:4px solid #1f6fb2;background:#f2f7fc;padding:8px 14px;font-size:13.5px;margin:14px 0}
.counts{display:grid;grid-template-columns:repeat(3,1fr);gap:10px;margin:6px 0 10px}
.count{border:1px solid #d9dee3;border-radius:8px;padding:8px 12px}.count b{font-size:22px;display:block}
table{width:100%;border-collapse:collapse;margin:6px 0 14px;font-size:13.5px}
th{text-align:left;background:#1f2d3a;color:#fff;font-weight:600;padding:6px 10px}
td{border-bottom:1px solid #e3e7eb;padding:6px 10px;vertical-align:top}
.muted{color:#6b7682}
.up{color:#1e6b3c;font-weight:700}.down{color:#b03a2e;font-weight:700}
@media print{body{background:#fff}main{box-shadow:none;margin:0;max-width:none}}
`;

function table(head: string[], rows: string[][], cellClass: (row: number, col: number) => string = () => ''): string {
  if (rows.length === 0) return `<p class="muted">${e(T.none)}</p>`;
  return `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r, ri) => `<tr>${r.map((cell, ci) => `<td${cellClass(ri, ci) ? ` class="${cellClass(ri, ci)}"` : ''}>${e(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function counts(items: [string, number][]): string {
  return `<div class="counts">${items.map(([label, n]) => `<div class="count"><b>${n}</b>${e(label)}</div>`).join('')}</div>`;
}

/** Renders the comparison as a complete HTML document. Pure: same Comparison, same text. */
export function renderCompareHtml(c: Comparison): string {
  const ranks = rankRows(c);
  const body = [
    `<header><div class="kicker">${e(T.kicker)}</div><h1>${e(c.now.title)}: what changed</h1><div class="sides"><div class="side"><strong>Then</strong> · ${e(sideText(c.then))}</div><div class="side"><strong>Now</strong> · ${e(sideText(c.now))}</div></div></header>`,
    `<p class="method"><strong>${e(T.method)}:</strong> ${e(c.method)}</p>`,
    `<section><h2>${e(T.emotion)}</h2><figure>${renderCompareChartSvg(c)}</figure>${table(['Stage', 'Then', 'Now', 'Change'], emotionRows(c))}</section>`,
    `<section><h2>${e(T.pains)}</h2>${counts([
      [T.still, c.pains.still.length],
      [T.added, c.pains.new.length],
      [T.gone, c.pains.gone.length],
    ])}<h3>${e(T.still)}</h3>${table(['Pain point (now)', 'Stage', 'Matched by'], stillRows(c))}<h3>${e(T.added)}</h3>${table(['Pain point', 'Stage', 'Votes'], painRows(c.pains.new))}<h3>${e(T.gone)}</h3>${table(
      ['Pain point', 'Stage', 'Votes then'],
      painRows(c.pains.gone),
    )}</section>`,
    `<section><h2>${e(T.ranks)}</h2>${table(['Pain point', 'Rank then', 'Rank now', 'Change'], ranks, (ri, ci) =>
      ci === 3 ? (ranks[ri]?.[3]?.startsWith('▲') ? 'up' : ranks[ri]?.[3]?.startsWith('▼') ? 'down' : '') : '',
    )}</section>`,
    `<section><h2>${e(T.moments)}</h2><p class="muted">${c.momentsOfTruth.kept} kept.</p>${table(['Change', 'Moment of truth', 'Stage'], [
      ...c.momentsOfTruth.added.map((m) => ['added', oneLine(displayText(m.text)), m.stageTitle]),
      ...c.momentsOfTruth.removed.map((m) => ['removed', oneLine(displayText(m.text)), m.stageTitle]),
    ])}</section>`,
    `<section><h2>${e(T.metrics)}</h2>${table(['Stage', 'Metric', 'Then', 'Now'], metricRows(c))}</section>`,
    `<section><h2>${e(T.actions)}</h2>${counts([
      [T.done, c.actions.done.length],
      [T.open, c.actions.open.length],
      [T.dropped, c.actions.dropped.length],
    ])}${(
      [
        [T.done, c.actions.done],
        [T.open, c.actions.open],
        [T.dropped, c.actions.dropped],
      ] as const
    )
      .map(([title, list]) => `<h3>${e(title)}</h3>${table(['Action', 'Department', 'Owner, due', 'Status then → now'], actionRows(list))}`)
      .join('')}</section>`,
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${HTML_CSP}"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(`${c.now.title}: what changed`)}</title><style>${CSS}</style></head>
<body><main>${body.join('\n')}</main></body></html>
`;
}
