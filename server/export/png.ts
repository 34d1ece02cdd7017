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
/** Largest picture in pixels (width x height, ~160 MB of RGBA): bounds memory for a huge board. */
export const PNG_MAX_PIXELS = 40_000_000;
/** Scale of a normal board: 1.5 px per SVG unit, sharp on screens and in the PDF. */
const PREFERRED_SCALE = 1.5;

/** Options for renderPng. */
export interface PngOptions {
  /** TTF files; default the shipped DejaVu Sans */
  fonts?: FontFiles;
  /** cap on the width in pixels (default PNG_MAX_WIDTH_PX); the PDF asks for less, as its page is small */
  maxWidthPx?: number;
}

/** Rasterises the map. */
export function renderPng(summary: Summary, options: PngOptions = {}): Buffer {
  const fonts = options.fonts ?? defaultFontFiles();
  const mapText = glyphFilter(openCoverage(fonts.regular));
  const svg = renderMapSvg(summary, { mapText });
  const resvg = new Resvg(svg, {
    font: { fontFiles: [fonts.regular, fonts.bold], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'width', value: Math.floor(pngWidth(svg, options.maxWidthPx)) },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}

/** Output width: the preferred scale, reduced so that neither the width nor the pixel count exceeds its cap. */
export function pngWidth(svg: string, maxWidthPx = PNG_MAX_WIDTH_PX): number {
  const width = Number(/<svg[^>]*\swidth="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 1200);
  const height = Number(/<svg[^>]*\sheight="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 800);
  const scale = Math.min(PREFERRED_SCALE, Math.min(maxWidthPx, PNG_MAX_WIDTH_PX) / width, Math.sqrt(PNG_MAX_PIXELS / (width * height)));
  return Math.max(1, width * scale);
}
