/**
 * <jr-qr-code>: a QR code for a URL, drawn as one SVG path (crisp at any size, on screen and projector).
 * Encoding by `uqr`; one dark module is one 1×1 square of the path.
 */
import { LitElement, css, html, nothing, svg } from 'lit';
import { encode } from 'uqr';

/** The SVG path of the dark modules of `text`'s QR code, and the side length with a quiet zone. */
export function qrPath(text: string): { d: string; size: number } {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  let d = '';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return { d, size };
}

export class JrQrCode extends LitElement {
  static override properties = { value: {}, label: {} };
  static override styles = css`
    :host {
      display: inline-block;
      width: 10rem;
      aspect-ratio: 1;
      line-height: 0;
    }
    svg {
      width: 100%;
      height: 100%;
      background: #fff;
      shape-rendering: crispEdges;
    }
  `;

  declare value: string;
  /** what the code opens, for screen readers */
  declare label: string;
  private cache: { text: string; d: string; size: number } | undefined;

  constructor() {
    super();
    this.value = '';
    this.label = '';
  }

  protected override render() {
    if (!this.value) return nothing;
    if (this.cache?.text !== this.value) this.cache = { text: this.value, ...qrPath(this.value) };
    const { d, size } = this.cache;
    return html`<svg viewBox="0 0 ${size} ${size}" role="img" aria-label=${this.label || `QR code for ${this.value}`}>
      ${svg`<rect width=${size} height=${size} fill="#fff"></rect><path d=${d} fill="#000"></path>`}
    </svg>`;
  }
}

customElements.define('jr-qr-code', JrQrCode);

declare global {
  interface HTMLElementTagNameMap {
    'jr-qr-code': JrQrCode;
  }
}
