/**
 * The board map as one SVG picture: stages across, lanes down, notes as coloured stickies with wrapped,
 * truncated, escaped text. Used on its own (`export.svg`), inside the HTML export and as the PNG source.
 */
import type { LaneKind } from '../../shared/board/schema.js';
import type { Summary, SummaryNote } from '../../shared/board/summary.js';
import { emotionColour } from './emotion-svg.js';
import { escapeXml } from './escape.js';
import { displayText, emotionText, truncate } from './text.js';
import { wrapText } from './wrap.js';

/** Options for renderMapSvg. */
export interface MapSvgOptions {
  /** applied to every user string before escaping (the PNG export replaces glyphs its font lacks) */
  mapText?: (text: string) => string;
  /** most stickies drawn per cell; the rest are counted in a "+N more" line */
  maxNotesPerCell?: number;
}

const MARGIN = 24;
const TITLE_H = 64;
const LANE_W = 140;
const COL_W = 216;
const HEADER_H = 58;
const STICKY_W = 196;
const FONT = 11;
const LINE_H = 14;
const MAX_LINES = 5;
const UNITS_PER_LINE = 30;
const CELL_PAD = 10;
const GAP = 8;

/** Sticky colours by lane kind (feeling notes are coloured by their emotion instead). */
export const LANE_COLOURS: Record<LaneKind, { fill: string; stroke: string; band: string }> = {
  doing: { fill: '#fff4b8', stroke: '#e6cf5c', band: '#fffbe6' },
  thinking: { fill: '#d9ecff', stroke: '#8fbde8', band: '#f2f8ff' },
  feeling: { fill: '#f1f1f1', stroke: '#c4c4c4', band: '#fafafa' },
  touchpoints: { fill: '#e8e1ff', stroke: '#ab9be3', band: '#f6f3ff' },
  pains: { fill: '#ffd9d6', stroke: '#e89a93', band: '#fff4f3' },
  opportunities: { fill: '#d5f5dd', stroke: '#86cf9a', band: '#f1fbf3' },
  custom: { fill: '#ececec', stroke: '#b5b5b5', band: '#f7f7f7' },
};

const FEELING_FILLS: Record<number, string> = { [-2]: '#f7b9b2', [-1]: '#fbd6c6', 0: '#eeeeee', 1: '#d5efc8', 2: '#b4e3b0' };

function stickyHeight(lines: number): number {
  return 10 + lines * LINE_H + 20;
}

interface StickyLayout {
  note: SummaryNote;
  lines: string[];
  height: number;
}

/** Renders the map of the summary's stages and lanes. Pure: same Summary and options, same SVG text. */
export function renderMapSvg(summary: Summary, options: MapSvgOptions = {}): string {
  const t = options.mapText ?? ((s: string) => s);
  const maxNotes = options.maxNotesPerCell ?? 8;
  const stages = summary.stages;
  const lanes = summary.lanes;
  // Lay out every cell first to learn each lane's height.
  const cells = lanes.map((lane) =>
    stages.map((stage) => {
      const notes = stage.lanes.find((c) => c.laneId === lane.id)?.notes ?? [];
      const shown: StickyLayout[] = notes.slice(0, maxNotes).map((note) => {
        const lines = wrapText(t(displayText(note.text)), UNITS_PER_LINE, MAX_LINES);
        return { note, lines, height: stickyHeight(Math.max(1, lines.length)) };
      });
      return { shown, hidden: notes.length - shown.length };
    }),
  );
  const laneHeights = cells.map((row) =>
    Math.max(
      64,
      ...row.map((cell) => CELL_PAD * 2 + cell.shown.reduce((h, s) => h + s.height + GAP, 0) + (cell.hidden > 0 ? 18 : 0)),
    ),
  );
  const width = MARGIN * 2 + LANE_W + Math.max(1, stages.length) * COL_W;
  const gridTop = MARGIN + TITLE_H + HEADER_H;
  const height = gridTop + laneHeights.reduce((a, b) => a + b, 0) + MARGIN;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(
    `<text x="${MARGIN}" y="${MARGIN + 24}" font-size="22" font-weight="bold" fill="#1f2d3a">${escapeXml(t(truncate(summary.title, 120)))}</text>`,
  );
  const persona = summary.persona.name.trim();
  out.push(
    `<text x="${MARGIN}" y="${MARGIN + 48}" font-size="13" fill="#5b6570">${escapeXml(t(persona ? `Journey of ${truncate(persona, 80)}` : 'Customer journey map'))}</text>`,
  );
  // Stage headers.
  stages.forEach((stage, i) => {
    const x = MARGIN + LANE_W + i * COL_W;
    const y = MARGIN + TITLE_H;
    out.push(`<rect x="${x + 2}" y="${y}" width="${COL_W - 4}" height="${HEADER_H - 6}" rx="6" fill="#1f2d3a"/>`);
    const title = wrapText(t(`${stage.position}. ${stage.title}`), 26, 1)[0] ?? '';
    out.push(`<text x="${x + 12}" y="${y + 21}" font-size="13" font-weight="bold" fill="#ffffff">${escapeXml(title)}</text>`);
    const e = stage.emotion;
    const sub = e.mean === null ? 'emotion: no data' : `emotion ${emotionText(e.mean)} (n = ${e.count})`;
    out.push(`<circle cx="${x + 17}" cy="${y + 38}" r="5" fill="${emotionColour(e.mean)}" stroke="#ffffff" stroke-width="1"/>`);
    out.push(`<text x="${x + 28}" y="${y + 42}" font-size="11" fill="#d5dde5">${escapeXml(sub)}</text>`);
  });
  // Lane bands, labels and stickies.
  let y = gridTop;
  lanes.forEach((lane, li) => {
    const h = laneHeights[li] ?? 64;
    const colours = LANE_COLOURS[lane.kind];
    out.push(`<rect x="${MARGIN}" y="${y}" width="${width - MARGIN * 2}" height="${h - 4}" rx="6" fill="${colours.band}" stroke="#e3e7eb"/>`);
    const label = wrapText(t(lane.title), 16, 3);
    label.forEach((line, i) => {
      out.push(`<text x="${MARGIN + 12}" y="${y + 24 + i * 16}" font-size="13" font-weight="bold" fill="#1f2d3a">${escapeXml(line)}</text>`);
    });
    out.push(`<text x="${MARGIN + 12}" y="${y + 28 + label.length * 16}" font-size="10" fill="#7a848e">${escapeXml(lane.kind)}</text>`);
    const row = cells[li] ?? [];
    row.forEach((cell, si) => {
      const x = MARGIN + LANE_W + si * COL_W + (COL_W - STICKY_W) / 2;
      let sy = y + CELL_PAD;
      for (const s of cell.shown) {
        out.push(sticky(s, x, sy, lane.kind, t));
        sy += s.height + GAP;
      }
      if (cell.hidden > 0) {
        out.push(`<text x="${x + 4}" y="${sy + 10}" font-size="11" fill="#5b6570">+${cell.hidden} more</text>`);
      }
    });
    y += h;
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function sticky(s: StickyLayout, x: number, y: number, kind: LaneKind, t: (s: string) => string): string {
  const n = s.note;
  const colours = LANE_COLOURS[kind];
  const fill = kind === 'feeling' && n.emotion !== null ? (FEELING_FILLS[n.emotion] ?? colours.fill) : colours.fill;
  const stroke = n.momentOfTruth ? '#b7791f' : colours.stroke;
  const parts: string[] = [];
  parts.push(
    `<g><rect x="${x}" y="${y}" width="${STICKY_W}" height="${s.height}" rx="4" fill="${fill}" stroke="${stroke}" stroke-width="${n.momentOfTruth ? 2.5 : 1}"/>`,
  );
  s.lines.forEach((line, i) => {
    parts.push(`<text x="${x + 8}" y="${y + 8 + FONT + i * LINE_H}" font-size="${FONT}" fill="#1f2d3a">${escapeXml(line)}</text>`);
  });
  const footY = y + s.height - 7;
  const who = truncate(n.authorName.trim() || 'Anonymous', 20);
  parts.push(`<text x="${x + 8}" y="${footY}" font-size="9" fill="#5b6570">${escapeXml(t(who))}</text>`);
  const badges: string[] = [];
  if (n.emotion !== null) badges.push(emotionText(n.emotion));
  if (n.votes > 0) badges.push(`● ${n.votes}`);
  if (n.momentOfTruth) badges.push('★ MoT');
  if (badges.length > 0) {
    parts.push(
      `<text x="${x + STICKY_W - 8}" y="${footY}" font-size="9" font-weight="bold" text-anchor="end" fill="#1f2d3a">${escapeXml(badges.join('  '))}</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}
