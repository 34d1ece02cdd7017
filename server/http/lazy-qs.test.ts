/** The bundle's stand-in for qs answers what qs answers, for the call express and body-parser make. */
import qs from 'qs';
import { describe, expect, it } from 'vitest';
import { parse } from './lazy-qs.js';

describe('lazy qs', () => {
  it('parses as qs does, with the options express and body-parser pass', () => {
    const cases: [string, qs.IParseOptions | undefined][] = [
      ['a=1&b[c]=2&d[]=3&d[]=4', undefined],
      ['a[b][c][d]=deep&x=%E2%98%95', { allowPrototypes: true }],
      ['a=1&a=2&b', { allowPrototypes: true, arrayLimit: 100, depth: 32, strictDepth: false, parameterLimit: 1000, charsetSentinel: false, interpretNumericEntities: false, charset: 'utf-8' }],
      ['__proto__[x]=1&constructor=2', undefined],
    ];
    for (const [text, options] of cases) expect(parse(text, options), text).toEqual(qs.parse(text, options));
  });
});
