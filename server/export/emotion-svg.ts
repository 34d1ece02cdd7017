/** The emotion curve as an inline SVG chart (stages on x, mean emotion -2..+2 on y), used by the HTML export. */
import type { EmotionPoint } from '../../shared/board/summary.js';
import { escapeXml } from './escape.js';
import { emotionText } from './text.js';
import { wrapText } from './wrap.js';

const WIDTH = 760;
const HEIGHT = 300;
const PAD = { left: 118, right: 24, top: 24, bottom: 74 } as const;
const Y_LABELS = ['very negative', 'negative', 'neutral', 'positive', 'very positive'] as const;

/** Colour for a mean emotion: red for negative, grey for neutral, green for positive. */
export function emotionColour(mean: number | null): string {
  if (mean === null) return '#9aa3ad';
  if (mean <= -1) return '#c0392b';
  if (mean < 0) return '#e07b39';
  if (mean === 0) return '#7f8c8d';
  if (mean < 1) return '#5fa55a';
  return '#2e8b57';
}

/** Renders the curve. Stages without data show as a hollow mark on the zero line and break the line. */
export function renderEmotionSvg(curve: readonly EmotionPoint[]): string {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = curve.length > 0 ? plotW / curve.length : plotW;
  const x = (i: number) => PAD.left + step * (i + 0.5);
  const y = (v: number) => PAD.top + ((2 - v) / 4) * plotH;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="Emotion curve" font-family="DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif">`,
  );
  parts.push(`<rect x="${PAD.left}" y="${y(2)}" width="${plotW}" height="${y(0) - y(2)}" fill="#f2faf4"/>`);
  parts.push(`<rect x="${PAD.left}" y="${y(0)}" width="${plotW}" height="${y(-2) - y(0)}" fill="#fdf3f2"/>`);
  for (let v = -2; v <= 2; v++) {
    parts.push(
      `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(v)}" y2="${y(v)}" stroke="${v === 0 ? '#8a939c' : '#d9dee3'}" stroke-width="${v === 0 ? 1.2 : 1}"/>`,
    );
    parts.push(
      `<text x="${PAD.left - 8}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="#5b6570">${escapeXml(emotionText(v))} ${Y_LABELS[v + 2] ?? ''}</text>`,
    );
  }
  // Line segments join consecutive stages that both have data; a stage without data breaks the line.
  let path = '';
  curve.forEach((p, i) => {
    if (p.mean === null) return;
    const prev = curve[i - 1];
    path += `${prev && prev.mean !== null ? 'L' : 'M'}${x(i).toFixed(1)} ${y(p.mean).toFixed(1)} `;
  });
  if (path !== '') parts.push(`<path d="${path.trim()}" fill="none" stroke="#34495e" stroke-width="2.5" stroke-linejoin="round"/>`);
  curve.forEach((p, i) => {
    const cx = x(i).toFixed(1);
    if (p.mean === null) {
      parts.push(`<circle cx="${cx}" cy="${y(0)}" r="5" fill="#fff" stroke="#9aa3ad" stroke-width="1.5" stroke-dasharray="2 2"/>`);
    } else {
      const cy = y(p.mean);
      parts.push(`<circle cx="${cx}" cy="${cy.toFixed(1)}" r="6.5" fill="${emotionColour(p.mean)}" stroke="#fff" stroke-width="2"/>`);
      // Above the point, except at the very top where there is no room; a white halo keeps it readable over the line.
      const labelY = p.mean > 1.75 ? cy + 22 : cy - 12;
      parts.push(
        `<text x="${cx}" y="${labelY.toFixed(1)}" text-anchor="middle" font-size="12" font-weight="bold" fill="#2c3e50" stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">${escapeXml(emotionText(p.mean))}</text>`,
      );
    }
    const title = wrapText(p.stageTitle.trim(), Math.max(6, Math.floor(step / 7)), 2);
    title.forEach((line, li) => {
      parts.push(`<text x="${cx}" y="${HEIGHT - PAD.bottom + 18 + li * 14}" text-anchor="middle" font-size="12" fill="#2c3e50">${escapeXml(line)}</text>`);
    });
    parts.push(
      `<text x="${cx}" y="${HEIGHT - PAD.bottom + 18 + title.length * 14 + 2}" text-anchor="middle" font-size="10" fill="#7a848e">${p.count === 0 ? 'no data' : `n = ${p.count}`}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
