/**
 * The items of a decoded update, indexed for the checks that run before it is applied (update-guard.ts,
 * update-changes.ts). An encoded item names its parent (and map key) only when it has no neighbour: otherwise
 * Yjs takes both from the neighbour (origin, else right origin) while integrating. `anchorOf` follows those
 * neighbours, through the update and into the doc, to where the parent is known; memoised, so a long run of
 * typed characters costs O(n) in all.
 */
import * as Y from 'yjs';

/** Where an item's parent is known: an update item that names it, or an item already in the doc. */
export type Anchor = { named: Y.Item } | { inDoc: Y.Item } | undefined;

/** Lookup and anchor resolution over one update's items (see the module comment). */
export class UpdateItems {
  /**
   * Both indexes are built on first use: a typical edit (one insert whose neighbours are in the doc) needs
   * neither, and this runs once per edit.
   */
  private byClient: Map<number, Y.Item[]> | undefined;
  private anchors: Map<Y.Item, Anchor> | undefined;

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: readonly (Y.Item | Y.GC | Y.Skip)[],
  ) {}

  private index(): Map<number, Y.Item[]> {
    if (this.byClient) return this.byClient;
    const byClient = new Map<number, Y.Item[]>();
    for (const struct of this.structs) {
      if (!(struct instanceof Y.Item)) continue;
      const list = byClient.get(struct.id.client) ?? [];
      list.push(struct);
      byClient.set(struct.id.client, list);
    }
    return (this.byClient = byClient);
  }

  /** True when the doc already holds the clock of `id`. */
  inDoc(id: Y.ID): boolean {
    return id.clock < Y.getState(this.doc.store, id.client);
  }

  /** The doc's item containing `id`, if it is an Item (not garbage). */
  docItem(id: Y.ID): Y.Item | undefined {
    const item = Y.getItem(this.doc.store, id);
    return item instanceof Y.Item ? item : undefined;
  }

  /** The update's item containing `id`, if any (a client's items come sorted by clock: binary search). */
  at(id: Y.ID): Y.Item | undefined {
    const list = this.index().get(id.client);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const item = list[mid]!;
      if (id.clock < item.id.clock) high = mid - 1;
      else if (id.clock >= item.id.clock + item.length) low = mid + 1;
      else return item;
    }
    return undefined;
  }

  /** Where `item`'s parent is known; undefined when its neighbour chain ends in garbage or outside the update. */
  anchorOf(item: Y.Item): Anchor {
    const chain: Y.Item[] = [];
    let current: Y.Item | undefined = item;
    let anchor: Anchor;
    // Iterative: a long run of typed characters chains through origins.
    while (current) {
      if (this.anchors?.has(current)) {
        anchor = this.anchors.get(current);
        break;
      }
      chain.push(current);
      const parent = current.parent as unknown;
      if (typeof parent === 'string' || parent instanceof Y.ID) {
        anchor = { named: current };
        break;
      }
      const neighbour: Y.ID | null = current.origin ?? current.rightOrigin;
      if (!neighbour) break;
      if (this.inDoc(neighbour)) {
        const docItem = this.docItem(neighbour);
        anchor = docItem ? { inDoc: docItem } : undefined;
        break;
      }
      current = this.at(neighbour);
    }
    // An anchor found in one step costs one step again; only walks through the update are worth keeping.
    if (chain.length > 1) {
      const anchors = (this.anchors ??= new Map());
      for (const c of chain) anchors.set(c, anchor);
    }
    return anchor;
  }
}
