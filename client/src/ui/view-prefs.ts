/**
 * How this browser likes the board laid out (grid or outline, compact, persona and facilitator panel
 * collapsed), kept in localStorage across boards and visits. Only layout, never content.
 */

const PREFIX = 'journeyroom:view:';

/** The layout preferences and their stored names. */
export const VIEW_PREF = {
  /** 'grid' or 'outline' */
  layout: 'layout',
  compact: 'compact',
  personaCollapsed: 'persona-collapsed',
  panelOpen: 'panel-open',
} as const;
export type ViewPref = (typeof VIEW_PREF)[keyof typeof VIEW_PREF];

/** The localStorage key a preference is kept under (also what browser tests and the benchmark set before a page loads). */
export const viewPrefKey = (pref: ViewPref): string => PREFIX + pref;

/** The part of the browser's Storage this module uses (typed here so the module has no DOM dependency). */
interface PrefStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function store(): PrefStore | undefined {
  try {
    return (globalThis as { localStorage?: PrefStore }).localStorage;
  } catch (error) {
    // Storage can be disabled by privacy settings: the layout then resets on reload, nothing else breaks.
    console.warn('journeyroom: layout preferences not kept', error);
    return undefined;
  }
}

/** A remembered on/off preference, or undefined when never set (the caller picks the default). */
export function loadFlag(pref: ViewPref): boolean | undefined {
  const value = store()?.getItem(viewPrefKey(pref));
  return value === '1' ? true : value === '0' ? false : undefined;
}

export function saveFlag(pref: ViewPref, value: boolean): void {
  store()?.setItem(viewPrefKey(pref), value ? '1' : '0');
}

/** The remembered layout of the map. */
export function loadLayout(): 'grid' | 'outline' {
  return store()?.getItem(viewPrefKey(VIEW_PREF.layout)) === 'outline' ? 'outline' : 'grid';
}

export function saveLayout(layout: 'grid' | 'outline'): void {
  store()?.setItem(viewPrefKey(VIEW_PREF.layout), layout);
}
