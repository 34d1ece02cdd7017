/**
 * Summary -> one standalone, printable HTML page: inline CSS only, the emotion curve and the map as
 * inline SVG, a Content-Security-Policy that forbids scripts and remote loads, and every user string
 * escaped (`& < > " '`) wherever it lands.
 */
import type { RankedPain, Summary, SummaryNote } from '../../shared/board/summary.js';
import { sinceLines } from '../../shared/board/summary-since.js';
import { actionDetails, sourceLines } from './action-text.js';
import { renderEmotionSvg } from './emotion-svg.js';
import { escapeXml as e } from './escape.js';
import { renderMapSvg } from './svg.js';
import {
  authorText,
  departmentText,
  displayText,
  documentDates,
  duration,
  emotionText,
  emotionWord,
  longDateTime,
  metricText,
  roleText,
  shortDateTime,
  STAGE_SECTION_KINDS,
} from './text.js';

/** The page's CSP: nothing may load or run; inline styles and data: images only. */
export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#eef1f4;color:#1f2d3a;font:15px/1.5 "Segoe UI","Helvetica Neue",Helvetica,Arial,"DejaVu Sans",sans-serif}
main{max-width:980px;margin:24px auto;background:#fff;padding:48px 56px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
header.doc{border-bottom:3px solid #1f2d3a;padding-bottom:16px;margin-bottom:28px}
.kicker{text-transform:uppercase;letter-spacing:.12em;font-size:12px;color:#6b7682;font-weight:600}
h1{font-size:30px;line-height:1.2;margin:6px 0 8px}
.meta{color:#5b6570;font-size:13px}
h2{font-size:20px;margin:36px 0 12px;padding-bottom:6px;border-bottom:1px solid #d9dee3;break-after:avoid;page-break-after:avoid}
h3{font-size:16px;margin:22px 0 8px;break-after:avoid;page-break-after:avoid}
.glance{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin-bottom:14px}
.card{border:1px solid #d9dee3;border-radius:8px;padding:12px 14px;background:#f8fafb}
.card .n{font-size:24px;font-weight:700;line-height:1.2}
.card .n.long{font-size:17px}
.card .l{font-size:12px;color:#5b6570;text-transform:uppercase;letter-spacing:.06em}
.top{border-left:4px solid #c0392b;background:#fdf3f2;padding:10px 16px;border-radius:0 8px 8px 0}
.top ol{margin:6px 0 0;padding-left:20px}
.persona{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.persona h3{margin-top:0}
blockquote{margin:12px 0 0;padding:10px 16px;border-left:4px solid #8fbde8;background:#f2f8ff;font-style:italic}
.pre{white-space:pre-line}
table{width:100%;border-collapse:collapse;margin:8px 0 16px;font-size:13.5px}
thead{display:table-header-group}
th{text-align:left;background:#1f2d3a;color:#fff;font-weight:600;padding:7px 10px}
td{border-bottom:1px solid #e3e7eb;padding:7px 10px;vertical-align:top}
tr{break-inside:avoid;page-break-inside:avoid}
tbody tr:nth-child(even) td{background:#f8fafb}
td.num,th.num{text-align:right;white-space:nowrap}
.lane{font-weight:600;white-space:nowrap;width:130px}
.who{color:#6b7682;font-size:12px;white-space:nowrap}
.chip{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;background:#eef1f4;margin:0 4px 4px 0}
.mot{color:#b7791f;font-weight:700}
.causes{margin:0;padding-left:18px;font-size:12.5px}
.since{border-left:4px solid #2e7d4f;background:#f1f8f3;padding:10px 16px;border-radius:0 8px 8px 0;margin-bottom:8px}
.since ul{margin:6px 0 0;padding-left:20px}
.status{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;background:#eef1f4}
.status.done{background:#dff0e5;color:#1e6b3c}.status.dropped{background:#f0f0f0;color:#6b7682;text-decoration:line-through}
.status.in_progress{background:#fff4d6;color:#7a5a00}
.causes .deep{color:#5b6570}
.muted{color:#6b7682}
.stage{break-inside:avoid-page}
figure{margin:8px 0 16px}
.map{overflow-x:auto;border:1px solid #e3e7eb;border-radius:8px}
.map svg{display:block;max-width:none}
footer{margin-top:40px;color:#6b7682;font-size:12px;border-top:1px solid #d9dee3;padding-top:10px}
@page{size:A4;margin:16mm 14mm}
@media print{
 body{background:#fff;font-size:11pt}
 main{margin:0;padding:0;box-shadow:none;max-width:none}
 h2{break-before:auto}
 .map{overflow:visible;border:none}
 .map svg{max-width:100%;height:auto}
 section.mapsec{break-before:page}
 a{color:inherit;text-decoration:none}
}
`;

function table(head: [string, string?][], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="muted">${e(empty)}</p>`;
  const th = head.map(([label, cls]) => `<th${cls ? ` class="${cls}"` : ''}>${e(label)}</th>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${rows.map((r) => `<tr>${r.join('')}</tr>`).join('')}</tbody></table>`;
}

const td = (html: string, cls?: string) => `<td${cls ? ` class="${cls}"` : ''}>${html}</td>`;
const noteHtml = (n: SummaryNote) => e(displayText(n.text)) + (n.momentOfTruth ? ' <span class="mot" title="Moment of truth">★</span>' : '');

function causesHtml(p: RankedPain): string {
  if (p.causes.length === 0) return '<span class="muted">none linked</span>';
  const items = p.causes.map(
    (c) =>
      `<li${c.depth > 1 ? ' class="deep"' : ''}>${c.depth > 1 ? '↳ ' : ''}${e(displayText(c.text))} <span class="who">${e(c.stageTitle)} · ${e(c.laneTitle)}${c.ownerDepartment ? ` · ${e(c.ownerDepartment)}` : ''}</span></li>`,
  );
  return `<ul class="causes">${items.join('')}</ul>`;
}

function glance(s: Summary): string {
  const g = s.atAGlance;
  const low = g.lowestEmotionStage;
  const cards = [
    [String(g.participants), 'participants'],
    [String(g.notes), 'notes'],
    [String(g.momentsOfTruth), 'moments of truth'],
    [low ? `${low.stageTitle} ${emotionText(low.mean)}` : '—', 'lowest emotion'],
  ]
    .map(([n, l]) => `<div class="card"><div class="n${(n ?? '').length > 12 ? ' long' : ''}">${e(n ?? '')}</div><div class="l">${e(l ?? '')}</div></div>`)
    .join('');
  const top =
    g.topPains.length > 0
      ? `<div class="top"><strong>Top pain points</strong><ol>${g.topPains
          .map(
            (p) =>
              `<li value="${p.rank}">${e(displayText(p.note.text))} <span class="who">${e(p.note.stageTitle)} · ${p.note.votes} ${p.note.votes === 1 ? 'vote' : 'votes'} · owner ${e(departmentText(p.ownerDepartment))}</span></li>`,
          )
          .join('')}</ol></div>`
      : '<p class="muted">No pain points on the board.</p>';
  return `<section><h2>At a glance</h2><div class="glance">${cards}</div>${top}</section>`;
}

function persona(s: Summary): string {
  const p = s.persona;
  const block = (title: string, text: string) => (text.trim() ? `<div><h3>${e(title)}</h3><p class="pre">${e(text.trim())}</p></div>` : '');
  return `<section><h2>Persona: ${e(p.name.trim() || 'not set')}</h2><div class="persona">${block('Who they are', p.description)}${block('Goals', p.goals)}</div>${
    p.quote.trim() ? `<blockquote class="pre">“${e(p.quote.trim())}”</blockquote>` : ''
  }</section>`;
}

function stages(s: Summary): string {
  const parts = s.stages.map((st) => {
    const rows = st.lanes
      .filter((c) => STAGE_SECTION_KINDS.includes(c.laneKind) && c.notes.length > 0)
      .map(
        (c) =>
          `<tr>${td(e(c.laneTitle), 'lane')}${td(
            c.notes
              .map((n) => `<div>${noteHtml(n)}${n.emotion !== null ? ` <span class="chip">${e(emotionText(n.emotion))}</span>` : ''} <span class="who">— ${e(authorText(n.authorName, n.authorRole, n.department))}</span></div>`)
              .join(''),
          )}</tr>`,
      );
    const metrics = st.metrics.map((m) => `<span class="chip">${e(m.metric)}: <strong>${e(metricText(m.value, m.unit))}</strong></span>`).join('');
    const em = st.emotion;
    return `<div class="stage"><h3>${st.position}. ${e(st.title)} <span class="chip">emotion ${e(emotionText(em.mean))} · ${e(emotionWord(em.mean))} · n = ${em.count}</span></h3>${
      metrics ? `<div>${metrics}</div>` : ''
    }${rows.length > 0 ? `<table><tbody>${rows.join('')}</tbody></table>` : '<p class="muted">No notes in this stage.</p>'}</div>`;
  });
  return `<section><h2>The journey, stage by stage</h2>${parts.join('')}</section>`;
}

/** Renders the summary as a complete HTML document. Pure: same Summary, same text. */
export function renderHtml(summary: Summary): string {
  const s = summary;
  const metaBits = documentDates(s);
  const body: string[] = [];
  body.push(
    `<header class="doc"><div class="kicker">Customer journey summary</div><h1>${e(s.title)}</h1><div class="meta">${e(metaBits.join(' · '))}</div></header>`,
  );
  body.push(since(s));
  body.push(glance(s));
  body.push(persona(s));
  body.push(`<section><h2>Emotion curve</h2><figure>${renderEmotionSvg(s.emotionCurve)}</figure></section>`);
  body.push(stages(s));
  body.push(
    `<section><h2>Moments of truth</h2>${table(
      [['Moment'], ['Stage'], ['Lane']],
      s.momentsOfTruth.map((m) => [td(e(displayText(m.text))), td(e(m.stageTitle)), td(e(m.laneTitle))]),
      'None marked.',
    )}</section>`,
  );
  body.push(
    `<section><h2>Pain points, ranked by votes</h2><p class="muted">Each participant's dots count up to ${s.vote.dotsPerPerson} across the whole board.</p>${table(
      [['#', 'num'], ['Pain point'], ['Stage'], ['Votes', 'num'], ['Owner'], ['Root causes']],
      s.pains.map((p) => [
        td(String(p.rank), 'num'),
        td(noteHtml(p.note)),
        td(e(p.note.stageTitle)),
        td(String(p.note.votes), 'num'),
        td(e(departmentText(p.ownerDepartment))),
        td(causesHtml(p)),
      ]),
      'No pain points on the board.',
    )}</section>`,
  );
  body.push(
    `<section><h2>Where pains trace back to</h2>${table(
      [['Department'], ['Pains traced', 'num'], ['Owned', 'num'], ['Via root causes', 'num'], ['Votes', 'num']],
      s.departments.map((d) => [td(e(d.department)), td(String(d.pains), 'num'), td(String(d.owned), 'num'), td(String(d.viaCauses), 'num'), td(String(d.votes), 'num')]),
      'No pain point has an owner or a root cause with a department yet.',
    )}${s.painsWithoutDepartment > 0 ? `<p class="muted">${s.painsWithoutDepartment} pain ${s.painsWithoutDepartment === 1 ? 'point traces' : 'points trace'} to no department yet.</p>` : ''}</section>`,
  );
  body.push(
    `<section><h2>Opportunities</h2>${table(
      [['#', 'num'], ['Opportunity'], ['Stage'], ['Votes', 'num'], ['Owner']],
      s.opportunities.map((o) => [td(String(o.rank), 'num'), td(noteHtml(o.note)), td(e(o.note.stageTitle)), td(String(o.note.votes), 'num'), td(e(departmentText(o.ownerDepartment)))]),
      'No opportunities on the board.',
    )}</section>`,
  );
  body.push(actions(s));
  body.push(
    `<section><h2>Voices</h2>${table(
      [['Voice'], ['Notes', 'num'], ['People', 'num']],
      s.voices.rows.map((r) => [td(e(r.label)), td(String(r.notes), 'num'), td(String(r.people), 'num')]),
      'No notes yet.',
    )}</section>`,
  );
  const metricRows = s.stages.flatMap((st) => st.metrics.map((m) => [td(e(st.title)), td(e(m.metric)), td(e(metricText(m.value, m.unit)), 'num')]));
  if (metricRows.length > 0) body.push(`<section><h2>Metrics by stage</h2>${table([['Stage'], ['Metric'], ['Value', 'num']], metricRows, '')}</section>`);
  body.push(
    `<section><h2>Attendance</h2>${table(
      [['Name'], ['Role'], ['Department'], ['Joined'], ['Time connected', 'num']],
      s.attendance.entries.map((a) => [td(e(a.name)), td(e(roleText(a.role))), td(e(a.department)), td(e(shortDateTime(a.firstJoinedAt))), td(e(duration(a.totalMs)), 'num')]),
      'No attendance recorded.',
    )}</section>`,
  );
  body.push(
    `<section><h2>Checkpoints</h2>${table(
      [['Checkpoint'], ['Taken']],
      s.checkpoints.map((c) => [td(e(c.name)), td(e(shortDateTime(c.createdAt)))]),
      'No checkpoints taken.',
    )}</section>`,
  );
  body.push(`<section class="mapsec"><h2>The journey map</h2><div class="map">${renderMapSvg(s)}</div></section>`);
  body.push(`<footer>Generated by Journeyroom · ${e(longDateTime(s.dates.generatedAt))}</footer>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Journeyroom">
<title>${e(s.title)} — journey summary</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}

/** SUM-SINCE-1: the short "since the last session" section at the top of a follow-up's summary. */
function since(s: Summary): string {
  if (!s.since) return '';
  return `<section><h2>Since the last session</h2><div class="since"><strong>Session ${s.since.position} of this journey series</strong>; the previous one was “${e(
    s.since.previous.title,
  )}”.<ul>${sinceLines(s.since)
    .map((line) => `<li>${e(line)}</li>`)
    .join('')}</ul></div></section>`;
}

/** SUM-ACT-1: actions by owning department, each with its status, owner, due date and source notes. */
function actions(s: Summary): string {
  if (s.actions.total === 0) return '<section><h2>Actions by department</h2><p class="muted">No actions agreed yet.</p></section>';
  const groups = s.actions.groups.map((group) => {
    const rows = group.actions.map((a) => {
      const sources = sourceLines(a);
      return [
        td(`<strong>${e(a.title)}</strong>${a.description.trim() ? `<div class="pre">${e(a.description.trim())}</div>` : ''}${
          sources.length > 0 ? `<ul class="causes">${sources.map((l) => `<li>${e(l)}</li>`).join('')}</ul>` : ''
        }`),
        td(`<span class="status ${a.status}">${e(actionDetails(a))}</span>`),
      ];
    });
    return `<h3>${e(group.department)}</h3>${table([['Action and source notes'], ['Status, owner, due']], rows, '')}`;
  });
  return `<section><h2>Actions by department</h2>${groups.join('')}</section>`;
}
