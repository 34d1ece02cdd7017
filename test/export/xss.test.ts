// Markup in notes, titles, names and departments must come out as text in every format that a browser
// or a Markdown renderer could interpret.
import { describe, expect, it } from 'vitest';
import { buildSummary } from '../../shared/board/summary.js';
import { escapeXml } from '../../server/export/escape.js';
import { HTML_CSP, renderHtml } from '../../server/export/html.js';
import { escapeCell, escapeMarkdown, renderMarkdown } from '../../server/export/markdown.js';
import { renderMapSvg } from '../../server/export/svg.js';
import { renderJson } from '../../server/export/json.js';
import { loadSummaryInput } from '../fixtures/load.js';

const input = loadSummaryInput('hostile');
const summary = buildSummary(input);

/** Every tag the renderer itself writes: what a parser would see as elements. */
function tags(markup: string): string[] {
  return [...markup.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g)].map((m) => m[0]);
}

describe('HTML export', () => {
  const html = renderHtml(summary);

  it('has no script or img element and no event-handler attribute', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    for (const tag of tags(html)) expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('shows the hostile notes as escaped text', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('Zoë &lt;b&gt;O&#39;Brien&lt;/b&gt; &amp; 佐藤');
    expect(html).toContain('&lt;i&gt;Ops&lt;/i&gt;');
  });

  it('carries a CSP that forbids scripts and remote loads', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`);
    expect(HTML_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  });

  it('has no link to anywhere', () => {
    expect(html).not.toMatch(/<a\s/i);
    expect(html).not.toMatch(/href=/i);
  });
});

describe('SVG map', () => {
  const svg = renderMapSvg(summary);

  it('contains only the elements the renderer draws', () => {
    const names = new Set(tags(svg).map((t) => /^<([a-zA-Z]+)/.exec(t)?.[1]));
    expect([...names].sort()).toEqual(['circle', 'g', 'rect', 'svg', 'text']);
    for (const tag of tags(svg)) expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('escapes note text', () => {
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).not.toMatch(/<script|<img/i);
  });

  it('drops code points XML cannot carry', () => {
    expect(escapeXml('a\u0000b\u0007c\ud800d"\'')).toBe('abcd&quot;&#39;');
  });
});

describe('Markdown export', () => {
  const md = renderMarkdown(summary);

  it('has no raw HTML tag from user text and no link', () => {
    expect(md).not.toMatch(/<script|<img|<b>|<i>|<q>/i);
    // Our only raw HTML is the <br> line break inside table cells.
    expect(tags(md).every((t) => t === '<br>')).toBe(true);
    expect(md).not.toMatch(/(?<!\\)\]\(/);
    expect(md).not.toMatch(/https?:\/\//);
  });

  it('escapes markup characters and breaks autolinks', () => {
    expect(escapeMarkdown('[x](javascript:alert(1)) `c` *b* _i_ a|b <t> & ~s~')).toBe(
      '\\[x\\](javascript:alert(1)) \\`c\\` \\*b\\* \\_i\\_ a\\|b &lt;t&gt; &amp; \\~s\\~',
    );
    expect(escapeMarkdown('see https://evil.example or www.evil.example, mail a@b.c')).toBe(
      'see https\\://evil.example or www\\.evil.example, mail a\\@b.c',
    );
    expect(escapeCell('line one\nline | two')).toBe('line one<br>line \\| two');
  });

  it('keeps every table row on one line with the right number of cells', () => {
    const lines = md.split('\n');
    const painHeader = lines.findIndex((l) => l.startsWith('| # | Pain point |'));
    expect(painHeader).toBeGreaterThan(0);
    for (const line of lines.slice(painHeader, painHeader + 2 + summary.pains.length)) {
      expect(line.replace(/\\\|/g, '').split('|').length - 2).toBe(6);
    }
  });
});

describe('JSON export', () => {
  it('round-trips and writes no raw angle brackets', () => {
    const text = renderJson(input.board, summary);
    expect(text).not.toMatch(/[<>]/);
    const parsed = JSON.parse(text) as { format: string; version: number; summary: { title: string } };
    expect(parsed.format).toBe('journeyroom.export');
    expect(parsed.version).toBe(1);
    expect(parsed.summary.title).toBe('<script>alert("t")</script> Ünïcode 日本');
  });
});
