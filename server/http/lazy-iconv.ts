/**
 * Stands in for `iconv-lite` inside the server bundle (scripts/bundle-server.mjs aliases the package here).
 * body-parser and raw-body require iconv-lite when they load, which put all of its encoding tables (about half
 * of the bundle's bytes) into the file parsed at every start, although request bodies are nearly always UTF-8.
 * UTF-8 is decoded here the way iconv-lite itself does it (Node's StringDecoder, a leading BOM dropped); any
 * other charset loads the real iconv-lite from node_modules on first use and is handed to it, so every other
 * answer, the 415 for an unknown charset included, stays iconv-lite's own.
 * Only what body-parser and raw-body call: encodingExists, getDecoder, decode.
 */
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import type IconvLite from 'iconv-lite';

type Iconv = typeof IconvLite;

let real: Iconv | undefined;

/** The real iconv-lite, loaded from node_modules the first time a non-UTF-8 charset comes. */
function iconv(): Iconv {
  real ??= createRequire(import.meta.url)('iconv-lite') as Iconv;
  return real;
}

/** iconv-lite's own name canonicalisation: lower case, non-alphanumerics and a trailing `:yyyy` removed. */
function isUtf8(encoding: string): boolean {
  const name = String(encoding).toLowerCase().replace(/:\d{4}$|[^0-9a-z]/g, '');
  return name === 'utf8' || name === 'unicode11utf8';
}

/** Streaming UTF-8 decoder: a character split across chunks is kept until its last byte; a leading BOM is dropped. */
class Utf8Decoder {
  private readonly decoder = new StringDecoder('utf8');
  private started = false;

  write(chunk: Buffer): string {
    const text = this.decoder.write(chunk);
    if (this.started || text === '') return text;
    this.started = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  end(): string | undefined {
    return this.decoder.end();
  }
}

export function encodingExists(encoding: string): boolean {
  return isUtf8(encoding) || iconv().encodingExists(encoding);
}

export function getDecoder(encoding: string, options?: IconvLite.DecodeOptions): IconvLite.DecoderStream {
  if (isUtf8(encoding) && options === undefined) return new Utf8Decoder();
  return iconv().getDecoder(encoding, options);
}

export function decode(buffer: Buffer, encoding: string, options?: IconvLite.DecodeOptions): string {
  if (!isUtf8(encoding) || options !== undefined || !Buffer.isBuffer(buffer)) return iconv().decode(buffer, encoding, options);
  const decoder = new Utf8Decoder();
  const text = decoder.write(buffer);
  const trail = decoder.end();
  return trail ? text + trail : text;
}
