/**
 * Keeps the keyboard focus in its host when a render removes the focused control: a facilitator presses
 * "Open the vote" and the form gives way to the open vote's view, or time runs out while Pause has the focus.
 * The focus then moves to the host's element marked `data-focus-next` (the control that carries on from the
 * removed one), instead of falling back to the page, where a keyboard or screen-reader user loses their place.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class FocusKeeper implements ReactiveController {
  /** The element that had the focus in the host when the current update began. */
  private focused: Element | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostUpdate(): void {
    this.focused = this.host.shadowRoot?.activeElement ?? null;
  }

  hostUpdated(): void {
    const was = this.focused;
    this.focused = null;
    // Only when the render took the focus away: not when the person has moved on somewhere else meanwhile.
    if (!was || was.isConnected) return;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    this.host.shadowRoot?.querySelector<HTMLElement>('[data-focus-next]')?.focus();
  }
}
