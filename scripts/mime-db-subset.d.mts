/** Types of scripts/mime-db-subset.mjs (plain JavaScript: the bundle script runs without a compiler). */
export interface MimeEntry {
  source?: string;
  charset?: string;
  extensions?: string[];
  compressible?: boolean;
}
export declare const MIME_DB_READERS: string[];
export declare function mimeDbSubset(db: Record<string, MimeEntry>): Record<string, Omit<MimeEntry, 'compressible'>>;
