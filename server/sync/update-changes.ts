/**
 * Reads what a client's update would change in a doc, BEFORE it is applied: every new item and every item it
 * would delete, each with its path from the root (`['notes', noteId, 'authorId']`). The write rules
 * (board-write-rules.ts, ballot rules) decide on these paths; nothing here judges.
 *
 * Places are resolved through each item's anchor (update-items.ts). An item whose neighbour was
 * garbage-collected has no place and is turned into garbage by Yjs itself: it is left out, it can change nothing.
 * Call it on updates that passed checkUpdate (decodable, no missing dependencies, depth within the schema).
 */
import * as Y from 'yjs';
import { UpdateItems } from './update-items.js';

/** Path of an item: the root's name, then the map key of each level ('' for a position in a text or array). */
export type ItemPath = readonly string[];

/** A new item of an update, with its path and (for plain values) the value it sets. */
export interface AddedItem {
  path: ItemPath;
  /** the first plain value of a map entry (ContentAny / ContentJSON), else undefined */
  value: unknown;
  /** true when the item creates a shared type (a note map, a text, a votes map) */
  isType: boolean;
  /** which shared type the item creates when isType ('map', 'text', 'array', or 'other'), else '' */
  typeName: '' | 'map' | 'text' | 'array' | 'other';
}

/** An item of the doc the update deletes (it was not deleted before), with its path and its live value. */
export interface DeletedItem {
  path: ItemPath;
  item: Y.Item;
}

/** Everything an update would add and delete. */
export interface UpdateChanges {
  added: AddedItem[];
  deleted: DeletedItem[];
}

type Place = { parent: string | Y.ID; key: string } | undefined;

/**
 * An update decoded once (Y.decodeUpdate), shared by the guard and the rules instead of decoding it again; with
 * the guard's index of its items (for the same doc, before the update is applied), when it made one.
 */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate> & { readonly items?: UpdateItems };

/** Lists the changes `update` would make to `doc`. Throws only on undecodable bytes (checked before). */
export function readUpdateChanges(doc: Y.Doc, update: Uint8Array | DecodedUpdate): UpdateChanges {
  const decoded: DecodedUpdate = update instanceof Uint8Array ? Y.decodeUpdate(update) : update;
  const { structs, ds } = decoded;
  const resolver = new PlaceResolver(doc, decoded.items ?? new UpdateItems(doc, structs));
  const added: AddedItem[] = [];
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Already integrated (the stock client re-sends its whole state on connect): no change.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    const path = resolver.pathOf(struct);
    if (!path) continue;
    const content = struct.content;
    const isType = content instanceof Y.ContentType;
    let value: unknown;
    if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) value = content.arr[0];
    added.push({ path, value, isType, typeName: isType ? sharedTypeName(content.type) : '' });
  }
  const deleted: DeletedItem[] = [];
  for (const [client, ranges] of ds.clients) {
    const clientStructs = doc.store.clients.get(client);
    if (!clientStructs) continue;
    for (const range of ranges) {
      const end = range.clock + range.len;
      if (range.clock >= Y.getState(doc.store, client)) continue;
      let index = Y.findIndexSS(clientStructs, range.clock);
      for (; index < clientStructs.length; index++) {
        const struct = clientStructs[index]!;
        if (struct.id.clock >= end) break;
        if (!(struct instanceof Y.Item) || struct.deleted) continue;
        const path = docPath(doc, struct);
        if (path) deleted.push({ path, item: struct });
      }
    }
  }
  return { added, deleted };
}

/** The kind of a shared type, by its class (not its constructor's name, which a minifier may change). */
function sharedTypeName(type: Y.AbstractType<unknown>): AddedItem['typeName'] {
  if (type instanceof Y.Map) return 'map';
  if (type instanceof Y.Text) return 'text';
  if (type instanceof Y.Array) return 'array';
  return 'other';
}

/** Names of root types, found once each: Y.findRootTypeKey walks the doc's roots with an iterator every time. */
const rootKeys = new WeakMap<Y.AbstractType<unknown>, string>();

/** The name a root type has in its doc (a root type keeps its name for the doc's life). */
function rootKey(type: Y.AbstractType<unknown>): string {
  let key = rootKeys.get(type);
  if (key === undefined) {
    key = Y.findRootTypeKey(type);
    rootKeys.set(type, key);
  }
  return key;
}

/** Path of an item that is in the doc, walking up its parent types. */
export function docPath(doc: Y.Doc, item: Y.Item): ItemPath | undefined {
  const keys: string[] = [];
  let current: Y.Item | null = item;
  // Bounded: the update guard keeps types at most MAX_TYPE_DEPTH deep; a few spare steps for safety.
  for (let step = 0; current && step < 8; step++) {
    keys.unshift(current.parentSub ?? '');
    const parent = current.parent as Y.AbstractType<unknown> | null;
    if (!parent) return undefined;
    if (!parent._item) {
      keys.unshift(rootKey(parent));
      return keys;
    }
    current = parent._item;
  }
  return undefined;
}

/** Resolves places and paths of an update's items, through their anchors (update-items.ts). */
class PlaceResolver {
  /** Made on first use: an edit whose item's neighbour is in the doc never looks a path up twice. */
  private paths: Map<Y.Item, ItemPath | undefined> | undefined;

  constructor(
    private readonly doc: Y.Doc,
    private readonly items: UpdateItems,
  ) {}

  /** The path of an update item, or undefined when its place is unknown. */
  pathOf(item: Y.Item): ItemPath | undefined {
    if (this.paths?.has(item)) return this.paths.get(item);
    const place = this.placeOf(item);
    let path: ItemPath | undefined;
    if (place) {
      if (typeof place.parent === 'string') {
        path = [place.parent, place.key];
      } else {
        // Marked before recursing, so a cycle through the update's items ends (as unknown) instead of looping.
        const paths = (this.paths ??= new Map());
        paths.set(item, undefined);
        const parentPath = this.pathOfId(place.parent);
        path = parentPath ? [...parentPath, place.key] : undefined;
        paths.set(item, path);
      }
    }
    return path;
  }

  private pathOfId(id: Y.ID): ItemPath | undefined {
    if (this.items.inDoc(id)) {
      const item = this.items.docItem(id);
      return item ? docPath(this.doc, item) : undefined;
    }
    const struct = this.items.at(id);
    return struct ? this.pathOf(struct) : undefined;
  }

  /** The parent and map key an item integrates into (Yjs takes both from the anchor). */
  private placeOf(item: Y.Item): Place {
    const anchor = this.items.anchorOf(item);
    if (!anchor) return undefined;
    if ('named' in anchor) return { parent: anchor.named.parent as unknown as string | Y.ID, key: anchor.named.parentSub ?? '' };
    const docItem = anchor.inDoc;
    const parent = docItem.parent as Y.AbstractType<unknown> | null;
    if (!parent) return undefined;
    const key = docItem.parentSub ?? '';
    if (!parent._item) return { parent: rootKey(parent), key };
    return { parent: parent._item.id, key };
  }
}
