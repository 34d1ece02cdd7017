/** A localStorage stand-in with just getItem and setItem (Node has no localStorage), for client modules' tests. */
export interface MemoryStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** An empty in-memory store; values are kept as strings, as the browser's Storage does. */
export function memoryStorage(): MemoryStorage {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, String(value)) };
}
