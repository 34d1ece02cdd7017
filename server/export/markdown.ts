/**
 * Summary -> Markdown (GitHub-flavoured tables), ready to paste into a wiki. Every piece of user text is
 * escaped so it renders as written: no markup, no HTML, no links or autolinks from note text.
 */
import type { RankedPain, Summary, SummaryNote } from '../../shared/board/summary.js';
import { sinceLines } from '../../shared/board/summary-since.js';
import { actionDetails, sourceLines } from './action-text.js';
import {
  authorText,
  departmentText,
  displayText,
  documentDates,
  duration,
  emotionText,
  emotionWord,
  metricText,
  oneLine,
  roleText,
  shortDateTime,
  STAGE_SECTION_KINDS,
} from './text.js';

/**
 * Escapes text for Markdown inline content: backslash-escapes the characters that start markup,
 * writes `<`, `>`, `&` as entities (so no raw HTML gets through), and breaks autolink triggers
 * (`scheme://`, `www.`, `user@host`) with a backslash so note text never becomes a link.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@');
}

/** Escapes a line that starts a block (a paragraph line): also neutralises headings, list items and setext underlines. */
export function escapeMarkdownLine(text: string): string {
  return escapeMarkdown(text)
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** Escapes text for a table cell: as escapeMarkdown, with line breaks as `<br>` (a cell is one line). */
export function escapeCell(text: string): string {
  return escapeMarkdown(text.trim())
    .replace(/\r\n?|\n/g, '<br>')
    .replace(/\t/g, ' ');
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function paragraph(text: string): string {
  return text
    .trim()
    .split(/\r\n?|\n/)
    .map((l) => escapeMarkdownLine(l.trim()))
    .join('  \n');
}

function noteCell(n: SummaryNote): string {
  return escapeCell(displayText(n.text));
}

function causesCell(pain: RankedPain): string {
  if (pain.causes.length === 0) return '—';
  return pain.causes
    .map((c) => `${c.depth > 1 ? '↳ ' : ''}${escapeCell(displayText(c.text))} (${escapeCell(c.stageTitle)}, ${escapeCell(c.laneTitle)})`)
    .join('<br>');
}

function stageSection(summary: Summary): string[] {
  const out: string[] = ['## The journey, stage by stage', ''];
  for (const stage of summary.stages) {
    out.push(`### ${stage.position}. ${escapeMarkdown(stage.title)}`, '');
    const e = stage.emotion;
    out.push(
      `Emotion: **${emotionText(e.mean)}** (${emotionWord(e.mean)}, ${e.count} feeling ${e.count === 1 ? 'note' : 'notes'})`,
      '',
    );
    if (stage.metrics.length > 0) {
      out.push(`Metrics: ${stage.metrics.map((m) => `${escapeMarkdown(m.metric)} **${escapeMarkdown(metricText(m.value, m.unit))}**`).join(' · ')}`, '');
    }
    const rows: string[][] = [];
    for (const cell of stage.lanes) {
      if (!STAGE_SECTION_KINDS.includes(cell.laneKind)) continue;
      for (const n of cell.notes) {
        rows.push([
          escapeCell(cell.laneTitle),
          noteCell(n) + (n.momentOfTruth ? ' ★' : ''),
          escapeCell(authorText(n.authorName, n.authorRole, n.department)),
          n.emotion === null ? '' : emotionText(n.emotion),
        ]);
      }
    }
    out.push(rows.length > 0 ? table(['Lane', 'Note', 'Written by', 'Emotion'], rows) : '_No notes in this stage._', '');
  }
  return out;
}

/** Renders the whole summary as Markdown. Pure: same Summary, same text. */
export function renderMarkdown(summary: Summary): string {
  const s = summary;
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(s.title)}`, '');
  out.push(`_Customer journey summary · ${escapeMarkdown(documentDates(s).join(' · '))}_`, '');

  out.push(...sinceSection(s));
  out.push('## At a glance', '');
  const g = s.atAGlance;
  out.push(`- **Participants:** ${g.participants}`);
  out.push(`- **Notes:** ${g.notes}`);
  out.push(`- **Moments of truth:** ${g.momentsOfTruth}`);
  out.push(
    `- **Lowest emotion:** ${g.lowestEmotionStage ? `${escapeMarkdown(g.lowestEmotionStage.stageTitle)} (${emotionText(g.lowestEmotionStage.mean)})` : 'no feeling notes with an emotion'}`,
  );
  if (g.topPains.length > 0) {
    out.push('- **Top pain points:**');
    for (const p of g.topPains) {
      out.push(`  - **#${p.rank}** ${escapeCell(displayText(p.note.text))} — ${p.note.votes} ${p.note.votes === 1 ? 'vote' : 'votes'}, owner ${escapeMarkdown(departmentText(p.ownerDepartment))}`);
    }
  }
  out.push('');

  out.push('## Persona', '');
  const persona = s.persona;
  out.push(`**${escapeMarkdown(persona.name.trim() || 'Not set')}**`, '');
  if (persona.description.trim()) out.push(paragraph(persona.description), '');
  if (persona.goals.trim()) out.push('**Goals**', '', paragraph(persona.goals), '');
  if (persona.quote.trim()) out.push(`> ${paragraph(persona.quote).replace(/\n/g, '\n> ')}`, '');

  out.push('## Emotion curve', '');
  out.push(
    table(
      ['Stage', 'Mean emotion (−2..+2)', 'Feeling notes'],
      s.emotionCurve.map((p) => [escapeCell(p.stageTitle), `${emotionText(p.mean)} (${emotionWord(p.mean)})`, String(p.count)]),
    ),
    '',
  );

  out.push(...stageSection(s));

  out.push('## Moments of truth', '');
  out.push(
    s.momentsOfTruth.length > 0
      ? table(['Moment', 'Stage', 'Lane'], s.momentsOfTruth.map((m) => [escapeCell(displayText(m.text)), escapeCell(m.stageTitle), escapeCell(m.laneTitle)]))
      : '_None marked._',
    '',
  );

  out.push('## Pain points, ranked by votes', '');
  out.push(`_Each participant's dots count up to ${s.vote.dotsPerPerson} across the whole board._`, '');
  out.push(
    s.pains.length > 0
      ? table(
          ['#', 'Pain point', 'Stage', 'Votes', 'Owner', 'Root causes'],
          s.pains.map((p) => [String(p.rank), noteCell(p.note), escapeCell(p.note.stageTitle), String(p.note.votes), escapeCell(departmentText(p.ownerDepartment)), causesCell(p)]),
        )
      : '_No pain points on the board._',
    '',
  );

  out.push('## Where pains trace back to, by department', '');
  out.push(
    s.departments.length > 0
      ? table(
          ['Department', 'Pains traced', 'Owned', 'Via root causes', 'Votes'],
          s.departments.map((d) => [escapeCell(d.department), String(d.pains), String(d.owned), String(d.viaCauses), String(d.votes)]),
        )
      : '_No pain point has an owner or a root cause with a department yet._',
    '',
  );
  if (s.painsWithoutDepartment > 0) out.push(`${s.painsWithoutDepartment} pain ${s.painsWithoutDepartment === 1 ? 'point traces' : 'points trace'} to no department yet.`, '');

  out.push('## Opportunities', '');
  out.push(
    s.opportunities.length > 0
      ? table(
          ['#', 'Opportunity', 'Stage', 'Votes', 'Owner'],
          s.opportunities.map((o) => [String(o.rank), noteCell(o.note), escapeCell(o.note.stageTitle), String(o.note.votes), escapeCell(departmentText(o.ownerDepartment))]),
        )
      : '_No opportunities on the board._',
    '',
  );

  out.push(...actionsSection(s));

  out.push('## Voices', '');
  out.push(
    s.voices.rows.length > 0
      ? table(['Voice', 'Notes', 'People'], s.voices.rows.map((r) => [escapeCell(r.label), String(r.notes), String(r.people)]))
      : '_No notes yet._',
    '',
  );

  const metricRows = s.stages.flatMap((st) => st.metrics.map((m) => [escapeCell(st.title), escapeCell(m.metric), escapeCell(metricText(m.value, m.unit))]));
  if (metricRows.length > 0) out.push('## Metrics by stage', '', table(['Stage', 'Metric', 'Value'], metricRows), '');

  out.push('## Attendance', '');
  out.push(
    s.attendance.entries.length > 0
      ? table(
          ['Name', 'Role', 'Department', 'Joined', 'Time connected'],
          s.attendance.entries.map((e) => [escapeCell(e.name), roleText(e.role), escapeCell(e.department), shortDateTime(e.firstJoinedAt), duration(e.totalMs)]),
        )
      : '_No attendance recorded._',
    '',
  );

  out.push('## Checkpoints', '');
  out.push(
    s.checkpoints.length > 0
      ? table(['Checkpoint', 'Taken'], s.checkpoints.map((c) => [escapeCell(c.name), shortDateTime(c.createdAt)]))
      : '_No checkpoints taken._',
    '',
  );
  out.push('---', '', '_Generated by Journeyroom._', '');
  return out.join('\n');
}

/** SUM-SINCE-1: the short "since the last session" section at the top of a follow-up's summary. */
function sinceSection(s: Summary): string[] {
  if (!s.since) return [];
  const prev = s.since.previous;
  return [
    `## Since the last session`,
    '',
    `_Session ${s.since.position} of this journey series; the previous one was “${escapeMarkdown(prev.title)}”._`,
    '',
    ...sinceLines(s.since).map((line) => `- ${escapeMarkdown(line)}`),
    '',
  ];
}

/** SUM-ACT-1: actions by owning department, each with its status, owner, due date and source notes. */
function actionsSection(s: Summary): string[] {
  const out = ['## Actions by department', ''];
  if (s.actions.total === 0) return [...out, '_No actions agreed yet._', ''];
  for (const group of s.actions.groups) {
    out.push(`### ${escapeMarkdown(group.department)}`, '');
    for (const action of group.actions) {
      out.push(`- **${escapeMarkdown(action.title)}** — ${escapeMarkdown(actionDetails(action))}`);
      if (action.description.trim()) out.push(`  ${escapeMarkdownLine(oneLine(action.description))}`);
      for (const line of sourceLines(action)) out.push(`  - ${escapeMarkdown(line)}`);
    }
    out.push('');
  }
  return out;
}
