/** Screen-reader announcements through one polite live region owned by <jr-live-region>. */

/** Event name the live region listens for on `window`. */
export const ANNOUNCE_EVENT = 'jr-announce';

/** Announces `message` to assistive technology (politely, after current speech). */
export function announce(message: string): void {
  window.dispatchEvent(new CustomEvent<string>(ANNOUNCE_EVENT, { detail: message }));
}
