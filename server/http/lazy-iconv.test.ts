/** The bundle's stand-in for iconv-lite answers exactly what iconv-lite answers, for the calls body-parser makes. */
import iconvLite from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode, encodingExists, getDecoder } from './lazy-iconv.js';

const BOM = [0xef, 0xbb, 0xbf];
/** UTF-8 samples: BOM, 2-, 3- and 4-byte characters, a BOM in the middle, invalid and truncated sequences. */
const SAMPLES: Buffer[] = [
  Buffer.from([...BOM, ...Buffer.from('stage,Café ☕ 🗺\n')]),
  Buffer.from('no BOM: ß€𝄞'),
  Buffer.from([...BOM]),
  Buffer.from([...BOM, ...BOM, 0x41]),
  Buffer.from([0x41, ...BOM, 0x42]),
  Buffer.from([0xef, 0xbb]),
  Buffer.from([0x61, 0xc3, 0x28, 0xe2, 0x82, 0x62, 0xf0, 0x9f, 0x98, 0xff, 0xed, 0xa0, 0x80, 0xe2]),
  Buffer.alloc(0),
];
const UTF8_NAMES = ['utf-8', 'UTF-8', 'utf8', 'Utf_8', 'unicode-1-1-utf-8'];
const OTHER_NAMES = ['windows-1252', 'latin1', 'iso-8859-1', 'utf-16le', 'koi8-r', 'shift_jis'];

/** What a streaming decoder gives for `buffer` written in pieces cut at `cuts`, as raw-body reads a body. */
function streamed(decoder: { write(b: Buffer): string; end(): string | undefined }, buffer: Buffer, cuts: number[]): string {
  let text = '';
  let from = 0;
  for (const cut of [...cuts, buffer.length]) {
    text += decoder.write(buffer.subarray(from, cut));
    from = cut;
  }
  return text + (decoder.end() ?? '');
}

describe('lazy iconv-lite', () => {
  it('decodes UTF-8 in one piece like iconv-lite, BOM dropped and bad bytes replaced the same way', () => {
    for (const sample of SAMPLES) {
      for (const name of UTF8_NAMES) expect(decode(sample, name), `${sample.toString('hex')} as ${name}`).toBe(iconvLite.decode(sample, name));
    }
    expect(decode(SAMPLES[0]!, 'utf-8')).toBe('stage,Café ☕ 🗺\n');
  });

  it('decodes UTF-8 streamed in pieces, cut at every one or two places, like iconv-lite', () => {
    for (const sample of SAMPLES) {
      for (let a = 0; a <= sample.length; a++) {
        for (let b = a; b <= sample.length; b++) {
          const cuts = [a, b];
          expect(streamed(getDecoder('utf-8'), sample, cuts), `${sample.toString('hex')} cut at ${cuts.join(',')}`).toBe(
            streamed(iconvLite.getDecoder('utf-8'), sample, cuts),
          );
        }
      }
    }
  });

  it('hands every other charset to iconv-lite: windows-1252 is not latin1', () => {
    const bytes = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x33]);
    expect(decode(bytes, 'windows-1252')).toBe('Café €3');
    expect(streamed(getDecoder('windows-1252'), bytes, [3, 5])).toBe('Café €3');
    expect(decode(bytes, 'latin1')).toBe('Café \u00803');
    for (const name of OTHER_NAMES) expect(decode(bytes, name), name).toBe(iconvLite.decode(bytes, name));
  });

  it('knows the charsets iconv-lite knows, and refuses an unknown one with iconv-lite\'s error (raw-body turns it into 415)', () => {
    for (const name of [...UTF8_NAMES, ...OTHER_NAMES, 'x-no-such-charset', 'utf-99', '']) {
      expect(encodingExists(name), name).toBe(iconvLite.encodingExists(name));
    }
    expect(() => getDecoder('x-no-such-charset')).toThrow(/^Encoding not recognized: /);
    expect(() => decode(Buffer.from('x'), 'utf-99')).toThrow(/^Encoding not recognized: /);
  });
});
