/** Typed access to the root types of a board doc (one place that knows their Yjs types). */
import * as Y from 'yjs';
import { ROOT } from './schema.js';

/** The root types of a board doc. */
export interface BoardRoots {
  meta: Y.Map<unknown>;
  persona: Y.Map<unknown>;
  stages: Y.Map<Y.Map<unknown>>;
  lanes: Y.Map<Y.Map<unknown>>;
  notes: Y.Map<Y.Map<unknown>>;
  actions: Y.Map<Y.Map<unknown>>;
}

/** Returns the root types, creating them on first access as Yjs does. */
export function boardRoots(doc: Y.Doc): BoardRoots {
  return {
    meta: doc.getMap(ROOT.meta),
    persona: doc.getMap(ROOT.persona),
    stages: doc.getMap(ROOT.stages),
    lanes: doc.getMap(ROOT.lanes),
    notes: doc.getMap(ROOT.notes),
    actions: doc.getMap(ROOT.actions),
  };
}

/** Reads a string field, or `fallback` when missing or of another type. */
export function str(map: Y.Map<unknown>, key: string, fallback = ''): string {
  const value = map.get(key);
  return typeof value === 'string' ? value : fallback;
}

/** Reads a finite number field, or `fallback`. */
export function num(map: Y.Map<unknown>, key: string, fallback: number): number {
  const value = map.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Reads a nested Y.Map field, or undefined. */
export function childMap(map: Y.Map<unknown>, key: string): Y.Map<unknown> | undefined {
  const value = map.get(key);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : undefined;
}

/** Reads a nested Y.Text field, or undefined. */
export function childText(map: Y.Map<unknown>, key: string): Y.Text | undefined {
  const value = map.get(key);
  return value instanceof Y.Text ? value : undefined;
}
