/**
 * What an inline-edited field may write. A field writes only what the person changed: leaving a field they
 * only tabbed through, or one that was re-rendered empty (after a lock and unlock), writes nothing, and a
 * value that changed elsewhere replaces what the field shows unless the person is typing in it.
 */
export class FieldDraft {
  private stored: string;
  private edited = false;

  constructor(stored: string) {
    this.stored = stored;
  }

  /** True while the person has typed something not yet written or discarded. */
  get isEdited(): boolean {
    return this.edited;
  }

  /**
   * The stored value is now `stored` (from the doc, local or remote). Returns the text the field should
   * show, or undefined to keep the person's unsaved typing on screen.
   */
  sync(stored: string): string | undefined {
    this.stored = stored;
    return this.edited ? undefined : stored;
  }

  /** The person typed in the field. */
  markEdited(): void {
    this.edited = true;
  }

  /**
   * The field is being saved with `text` on screen. Returns the value to write, or undefined when the person
   * typed nothing since the last save or typed their way back to the stored value.
   */
  take(text: string): string | undefined {
    if (!this.edited) return undefined;
    this.edited = false;
    return text === this.stored ? undefined : text;
  }

  /** Forgets the person's typing (Escape, or the field became read-only); returns the stored value to show. */
  discard(): string {
    this.edited = false;
    return this.stored;
  }
}
