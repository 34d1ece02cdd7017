/**
 * Checks a client's Yjs update against a room's doc BEFORE it is applied, so nothing the schema forbids is
 * ever stored: undecodable bytes (4400), roots the doc kind does not have, missing dependencies that would
 * park pending structs in the doc, types nested deeper than the schema allows, subdocs/binary/XML types (4422),
 * and oversized content (4413).
 * Only V1 decoding is used on client bytes (V2 decoders can hang on crafted input, yjs#687).
 */
import * as Y from 'yjs';
import { CLOSE } from '../../shared/protocol.js';
import { LIMITS, MAX_TYPE_DEPTH } from '../../shared/board/schema.js';
import { refuse, type Refusal } from '../app-error.js';
import type { DecodedUpdate } from './update-changes.js';
import { UpdateItems } from './update-items.js';

/** Longest single string insert accepted; a note's text may be replaced in one go, hence twice the limit. */
export const MAX_STRING_INSERT_CHARS = LIMITS.noteTextChars * 2;
/** Largest plain JSON value (map value, array element) accepted in one struct, in JSON characters. */
export const MAX_JSON_VALUE_CHARS = 64 * 1024;

/** The verdict on one update; an accepted update comes with its decoded structs for the checks after this one. */
export type UpdateVerdict = { ok: true; stringIds: Y.ID[]; decoded: DecodedUpdate } | Refusal;
type ContentVerdict = { ok: true } | Refusal;

/** Decodes and checks `update` against `doc` for a doc whose roots must be among `roots`. Never throws. */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, roots: readonly string[]): UpdateVerdict {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return refuse(CLOSE.malformed, `undecodable update: ${(error as Error).message}`);
  }
  try {
    return checkDecoded(doc, decoded, roots);
  } catch (error) {
    return refuse(CLOSE.malformed, `unreadable update: ${(error as Error).message}`);
  }
}

function checkDecoded(doc: Y.Doc, decoded: ReturnType<typeof Y.decodeUpdate>, roots: readonly string[]): UpdateVerdict {
  const { structs, ds } = decoded;
  // Per client, how far the clock is known once this update is applied. A struct that starts beyond that
  // would wait in pendingStructs (and be persisted by encodeStateAsUpdate, yjs PR #274): refuse it.
  const reach = new Map<number, number>();
  // Only updates that create shared types (a new note) have any: most edits leave it unmade.
  let typeItems: Map<number, TypeRange[]> | undefined;
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    const end = known(doc, reach, client);
    if (clock > end) return refuse(CLOSE.invalidUpdate, `missing dependencies: client ${client} from clock ${clock}, server has ${end}`);
    reach.set(client, Math.max(end, clock + struct.length));
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentType) {
      typeItems ??= new Map();
      const list = typeItems.get(client) ?? [];
      list.push({ from: clock, to: clock + struct.length, item: struct });
      typeItems.set(client, list);
    }
  }
  const items = new UpdateItems(doc, structs);
  const parents = new ParentResolver(items);
  const stringIds: Y.ID[] = [];
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.content instanceof Y.ContentString) stringIds.push(struct.id);
    if (struct.origin && !isKnown(doc, reach, struct.origin)) return refuse(CLOSE.invalidUpdate, 'missing dependency: left origin');
    if (struct.rightOrigin && !isKnown(doc, reach, struct.rightOrigin)) return refuse(CLOSE.invalidUpdate, 'missing dependency: right origin');
    const parent = struct.parent as unknown;
    if (typeof parent === 'string') {
      if (!roots.includes(parent)) return refuse(CLOSE.invalidUpdate, `unknown root ${JSON.stringify(parent.slice(0, 40))}`);
    } else if (parent instanceof Y.ID) {
      if (!isKnown(doc, reach, parent)) return refuse(CLOSE.invalidUpdate, 'missing dependency: parent');
      if (!isTypeId(doc, parent, typeItems)) return refuse(CLOSE.invalidUpdate, 'parent is not a shared type');
    }
    if (struct.content instanceof Y.ContentType) {
      const parentRef = parents.parentOf(struct);
      const depth = parentRef instanceof Y.ID ? parents.typeDepth(parentRef) + 1 : 1;
      if (depth > MAX_TYPE_DEPTH) return refuse(CLOSE.invalidUpdate, `shared types nested deeper than ${MAX_TYPE_DEPTH} levels`);
    }
    const contentVerdict = checkContent(struct.content);
    if (!contentVerdict.ok) return contentVerdict;
  }
  for (const [client, deletes] of ds.clients) {
    for (const del of deletes) {
      if (del.clock + del.len > known(doc, reach, client)) return refuse(CLOSE.invalidUpdate, `missing dependency: delete of unknown client ${client} clock ${del.clock}`);
    }
  }
  return { ok: true, stringIds, decoded: { structs, ds, items } };
}

/**
 * How far `client`'s clock is known once the update is applied (`reach`: what the update itself brings). Plain
 * functions rather than closures created per update.
 */
function known(doc: Y.Doc, reach: ReadonlyMap<number, number>, client: number): number {
  return reach.get(client) ?? Y.getState(doc.store, client);
}

function isKnown(doc: Y.Doc, reach: ReadonlyMap<number, number>, id: Y.ID): boolean {
  return id.clock < known(doc, reach, id.client);
}

/** A run of type items of one client in an update, with their parent. */
interface TypeRange {
  from: number;
  to: number;
  item: Y.Item;
}

/** Where an item lives: the id of its parent type's item, ROOT for a root type, or undefined if unknown. */
type ParentRef = Y.ID | typeof ROOT | undefined;
const ROOT = 'root' as const;

/** The parent of a type (an item's `parent` in the doc) as a ParentRef. */
function refOfType(type: Y.AbstractType<unknown> | null): ParentRef {
  return type ? (type._item?.id ?? ROOT) : undefined;
}

/** Resolves parents for the depth check, through the update's anchors (update-items.ts). */
class ParentResolver {
  constructor(private readonly items: UpdateItems) {}

  /** The parent of `item` (an update struct). */
  parentOf(item: Y.Item): ParentRef {
    const anchor = this.items.anchorOf(item);
    if (!anchor) return undefined;
    if ('inDoc' in anchor) return refOfType(anchor.inDoc.parent as Y.AbstractType<unknown> | null);
    const parent = anchor.named.parent as unknown;
    return typeof parent === 'string' ? ROOT : (parent as Y.ID);
  }

  /**
   * Depth of the type created by the item at `id` (1 = directly under a root), following parents through the
   * doc and the update. Stops as soon as it passes the limit: a hostile chain costs at most MAX_TYPE_DEPTH + 1 steps.
   */
  typeDepth(id: Y.ID): number {
    let depth = 0;
    let current: ParentRef = id;
    while (current instanceof Y.ID && depth <= MAX_TYPE_DEPTH) {
      depth++;
      const at: Y.ID = current;
      if (this.items.inDoc(at)) {
        const item = this.items.docItem(at);
        current = item ? refOfType(item.parent as Y.AbstractType<unknown> | null) : undefined;
      } else {
        const struct = this.items.at(at);
        current = struct ? this.parentOf(struct) : undefined;
      }
    }
    return depth;
  }
}

function isTypeId(doc: Y.Doc, id: Y.ID, typeItems: Map<number, TypeRange[]> | undefined): boolean {
  if (id.clock < Y.getState(doc.store, id.client)) {
    const item = Y.getItem(doc.store, id);
    return item instanceof Y.GC || (item instanceof Y.Item && item.content instanceof Y.ContentType);
  }
  return (typeItems?.get(id.client) ?? []).some((r) => id.clock >= r.from && id.clock < r.to);
}

function jsonTooLarge(values: readonly unknown[]): boolean {
  for (const value of values) {
    if (value === undefined) continue;
    if (JSON.stringify(value).length > MAX_JSON_VALUE_CHARS) return true;
  }
  return false;
}

function checkContent(content: Y.Item['content']): ContentVerdict {
  if (content instanceof Y.ContentString) {
    if (content.str.length > MAX_STRING_INSERT_CHARS) return refuse(CLOSE.contentTooLarge, `string insert of ${content.str.length} characters`);
  } else if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
    if (jsonTooLarge(content.arr)) return refuse(CLOSE.contentTooLarge, 'value too large');
  } else if (content instanceof Y.ContentType) {
    const type = content.type;
    // Schema v1 uses maps, arrays and texts only; XML types are not part of it.
    if (type instanceof Y.XmlElement || type instanceof Y.XmlFragment || type instanceof Y.XmlText || type instanceof Y.XmlHook) {
      return refuse(CLOSE.invalidUpdate, 'XML types are not part of the schema');
    }
  } else if (content instanceof Y.ContentDoc || content instanceof Y.ContentBinary) {
    return refuse(CLOSE.invalidUpdate, 'subdocs and binary content are not part of the schema');
  } else if (content instanceof Y.ContentEmbed) {
    if (jsonTooLarge([content.embed])) return refuse(CLOSE.contentTooLarge, 'embed too large');
  } else if (content instanceof Y.ContentFormat) {
    if (jsonTooLarge([content.value])) return refuse(CLOSE.contentTooLarge, 'format value too large');
  }
  return CONTENT_OK;
}

const CONTENT_OK: ContentVerdict = { ok: true };
