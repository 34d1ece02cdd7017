/** The emotion curves of a comparison on one chart: stages on x, mean emotion -2..+2 on y, "then" dashed grey, "now" solid. */
import type { Comparison } from '../../shared/board/compare.js';
import { escapeXml } from './escape.js';
import { emotionText } from './text.js';
import { wrapText } from './wrap.js';

const WIDTH = 760;
const HEIGHT = 320;
const PAD = { left: 60, right: 24, top: 40, bottom: 64 } as const;
/** Colours of the two curves (then, now), also used by the PDF. */
export const CURVE_COLOURS = { then: '#9aa3ad', now: '#1f6fb2' } as const;

/** Renders both curves; a stage without data on one side breaks that side's line. */
export function renderCompareChartSvg(c: Comparison): string {
  const stages = c.stages;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, stages.length);
  const x = (i: number) => PAD.left + step * (i + 0.5);
  const y = (v: number) => PAD.top + ((2 - v) / 4) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="Emotion curve then and now" font-family="DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif">`,
    `<rect x="${PAD.left}" y="${y(2)}" width="${plotW}" height="${y(0) - y(2)}" fill="#f2faf4"/>`,
    `<rect x="${PAD.left}" y="${y(0)}" width="${plotW}" height="${y(-2) - y(0)}" fill="#fdf3f2"/>`,
  ];
  for (let v = -2; v <= 2; v++) {
    parts.push(`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(v)}" y2="${y(v)}" stroke="${v === 0 ? '#8a939c' : '#d9dee3'}"/>`);
    parts.push(`<text x="${PAD.left - 8}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="#5b6570">${escapeXml(emotionText(v))}</text>`);
  }
  const series = [
    { key: 'then' as const, value: (i: number) => stages[i]?.emotionThen ?? null, dash: ' stroke-dasharray="6 4"' },
    { key: 'now' as const, value: (i: number) => stages[i]?.emotionNow ?? null, dash: '' },
  ];
  for (const s of series) {
    let path = '';
    stages.forEach((_, i) => {
      const v = s.value(i);
      if (v === null) return;
      path += `${i > 0 && s.value(i - 1) !== null ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)} `;
    });
    if (path) parts.push(`<path d="${path.trim()}" fill="none" stroke="${CURVE_COLOURS[s.key]}" stroke-width="2.5"${s.dash}/>`);
    stages.forEach((_, i) => {
      const v = s.value(i);
      if (v === null) return;
      parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="${s.key === 'now' ? 6 : 4.5}" fill="${CURVE_COLOURS[s.key]}" stroke="#fff" stroke-width="1.5"><title>${escapeXml(`${s.key}: ${emotionText(v)}`)}</title></circle>`);
    });
  }
  stages.forEach((stage, i) => {
    wrapText(stage.title.trim(), Math.max(6, Math.floor(step / 7)), 2).forEach((line, li) => {
      parts.push(`<text x="${x(i).toFixed(1)}" y="${HEIGHT - PAD.bottom + 20 + li * 14}" text-anchor="middle" font-size="12" fill="#2c3e50">${escapeXml(line)}</text>`);
    });
  });
  // Legend, top left.
  parts.push(`<line x1="${PAD.left}" x2="${PAD.left + 28}" y1="16" y2="16" stroke="${CURVE_COLOURS.then}" stroke-width="2.5" stroke-dasharray="6 4"/>`);
  parts.push(`<text x="${PAD.left + 34}" y="20" font-size="12" fill="#2c3e50">then: ${escapeXml(c.then.label)}</text>`);
  parts.push(`<line x1="${PAD.left + 300}" x2="${PAD.left + 328}" y1="16" y2="16" stroke="${CURVE_COLOURS.now}" stroke-width="2.5"/>`);
  parts.push(`<text x="${PAD.left + 334}" y="20" font-size="12" fill="#2c3e50">now: ${escapeXml(c.now.label)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}
