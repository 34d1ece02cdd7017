/**
 * The board map as a PNG: the SVG map rasterised by @resvg/resvg-js (a prebuilt native binary shipped as
 * an npm package, no download at install) with the embedded DejaVu Sans and no system fonts, so the
 * picture is the same on every machine. Characters the font lacks become a visible placeholder.
 */
import { Resvg } from '@resvg/resvg-js';
import type { Summary } from '../../shared/board/summary.js';
import { defaultFontFiles, glyphFilter, openCoverage, type FontFiles } from './fonts.js';
import { renderMapSvg } from './svg.js';

/** Largest width in pixels; a very wide board is scaled down to fit. */
export const PNG_MAX_WIDTH_PX = 8000;

/** Rasterises the map. `fonts` defaults to the shipped DejaVu Sans. */
export function renderPng(summary: Summary, fonts: FontFiles = defaultFontFiles()): Buffer {
  const mapText = glyphFilter(openCoverage(fonts.regular));
  const svg = renderMapSvg(summary, { mapText });
  const resvg = new Resvg(svg, {
    font: { fontFiles: [fonts.regular, fonts.bold], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'width', value: Math.min(PNG_MAX_WIDTH_PX, widthOf(svg) * 1.5) },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}

function widthOf(svg: string): number {
  const match = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)"/.exec(svg);
  return match ? Number(match[1]) : 1200;
}
