/** Layout preferences (client/src/ui/view-prefs.ts): round trips, and stored garbage falls back to the defaults. */
import { afterEach, describe, expect, it } from 'vitest';
import { VIEW_PREF, loadFlag, loadLayout, saveFlag, saveLayout, viewPrefKey } from '../../client/src/ui/view-prefs.js';
import { memoryStorage, type MemoryStorage } from '../helpers/memory-storage.js';

const globals = globalThis as { localStorage?: MemoryStorage };

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'localStorage');
});

describe('layout preferences', () => {
  it('remembers flags and the layout', () => {
    globals.localStorage = memoryStorage();
    expect(loadFlag(VIEW_PREF.compact)).toBeUndefined();
    saveFlag(VIEW_PREF.compact, true);
    saveFlag(VIEW_PREF.panelOpen, false);
    expect(loadFlag(VIEW_PREF.compact)).toBe(true);
    expect(loadFlag(VIEW_PREF.panelOpen)).toBe(false);
    expect(loadLayout()).toBe('grid');
    saveLayout('outline');
    expect(loadLayout()).toBe('outline');
  });

  it("keeps each preference under journeyroom:view: and its name, which a browser's stored choices depend on", () => {
    expect(viewPrefKey(VIEW_PREF.layout)).toBe('journeyroom:view:layout');
    const storage = memoryStorage();
    globals.localStorage = storage;
    saveLayout('outline');
    expect(storage.getItem('journeyroom:view:layout')).toBe('outline');
  });

  it('treats anything else stored under its name as never set', () => {
    const storage = memoryStorage();
    globals.localStorage = storage;
    storage.setItem('journeyroom:view:compact', 'yes');
    storage.setItem('journeyroom:view:layout', '<script>');
    expect(loadFlag(VIEW_PREF.compact)).toBeUndefined();
    expect(loadLayout()).toBe('grid');
  });

  it('works without storage (blocked by privacy settings): defaults, nothing thrown', () => {
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get(): MemoryStorage {
        throw new Error('SecurityError: storage disabled');
      },
    });
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      expect(loadFlag(VIEW_PREF.personaCollapsed)).toBeUndefined();
      expect(() => saveFlag(VIEW_PREF.personaCollapsed, true)).not.toThrow();
      expect(loadLayout()).toBe('grid');
    } finally {
      console.warn = warn;
    }
  });
});
