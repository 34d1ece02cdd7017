/**
 * Layout of <jr-workspace-view>. On a laptop the page is as tall as the window and the map scrolls inside
 * it; on a phone (the `phone` attribute) the page itself scrolls vertically and nothing scrolls sideways.
 * `compact` trades spacing and stage width for more of the map on screen.
 */
import { css } from 'lit';

/** Styles of the workspace view (header, session strip, persona, toolbar, map frame). */
export const workspaceStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100vh;
    height: 100dvh;
    overflow: hidden;
    --jr-panel-width: 24rem;
  }
  @media (max-width: 1440px) {
    :host {
      --jr-panel-width: 20rem;
    }
  }
  /* A 1280 px laptop: all six stages of the default template fit beside the lane column. */
  @media (max-width: 1366px) {
    jr-board {
      --stage-min: 11rem;
    }
  }
  .skip {
    position: absolute;
    border: 0;
    left: 0.5rem;
    top: 0.5rem;
    z-index: 40;
    padding: 0.6rem 1rem;
    border-radius: var(--jr-radius);
    background: var(--jr-text);
    color: #fff;
    font-weight: 700;
    transform: translateY(-200%);
  }
  .skip:focus {
    transform: none;
  }
  header {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    padding: 0.5rem 1rem;
    background: var(--jr-surface);
    border-bottom: 1px solid var(--jr-border);
  }
  .brand {
    color: var(--jr-accent);
    font-weight: 800;
    text-decoration: none;
    white-space: nowrap;
  }
  h1 {
    flex: 1 1 16rem;
    min-width: 0;
    margin: 0;
    font-size: 1.3rem;
  }
  .me {
    font-size: 0.85em;
    color: var(--jr-muted);
    white-space: nowrap;
  }
  .me strong {
    color: var(--jr-text);
  }
  main {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
  }
  .strip {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: 0.4rem 1.5rem;
    padding: 0.45rem 1rem;
  }
  jr-persona-card {
    padding: 0 1rem 0.5rem;
  }
  .board {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
    margin: 0 1rem 1rem;
  }
  .board:focus {
    outline: none;
  }
  .board:focus-visible {
    outline: 3px solid var(--jr-focus);
    outline-offset: 2px;
  }
  jr-map-toolbar {
    padding: 0 0 0.45rem;
  }
  .map {
    flex: 1;
    min-height: 0;
    background: var(--jr-surface);
    border: 1px solid var(--jr-border);
    border-radius: 12px;
    overflow: hidden;
    box-shadow: var(--jr-shadow);
  }
  .map.outline {
    overflow: auto;
    padding: 0.8rem 1rem;
  }
  jr-board {
    height: 100%;
  }
  .share {
    display: grid;
    gap: 0.8rem;
    margin: 0 1rem 0.6rem;
    padding: 1rem;
    background: var(--jr-surface);
    border: 1px solid var(--jr-border);
    border-radius: 12px;
  }
  .share-head {
    display: flex;
    justify-content: space-between;
    align-items: center;
  }
  .share h2 {
    margin: 0;
    font-size: 1.05rem;
  }
  .refused {
    margin: 0 1rem 0.6rem;
  }
  .refused .btn {
    margin-left: 0.6rem;
  }
  @media (min-width: 900px) {
    /* room for the facilitator panel (fixed on the right) */
    :host([panel-open]) {
      padding-right: min(var(--jr-panel-width), 100vw);
    }
  }
  /* Compact: less chrome, narrower stages (the grid reads --stage-min and --lane-col). */
  :host([compact]) header {
    padding-block: 0.3rem;
  }
  :host([compact]) h1 {
    font-size: 1.1rem;
  }
  :host([compact]) .strip {
    padding-block: 0.2rem;
  }
  :host([compact]) jr-legend {
    display: none;
  }
  :host([compact]) .board {
    margin: 0 0.5rem 0.5rem;
  }
  :host([compact]) jr-board {
    --stage-min: 10rem;
    --lane-col: fit-content(8.5rem);
    --jr-board-help: none;
    font-size: 0.92rem;
  }
  /* Phone: the page scrolls, one column, no sideways scrolling. */
  :host([phone]) {
    display: block;
    height: auto;
    overflow: visible;
    overflow-x: clip;
  }
  :host([phone]) header {
    padding: 0.4rem 0.6rem;
    gap: 0.3rem 0.6rem;
  }
  :host([phone]) h1 {
    flex-basis: 100%;
    font-size: 1.15rem;
  }
  :host([phone]) .me {
    white-space: normal;
  }
  :host([phone]) .strip {
    padding: 0.3rem 0.6rem;
  }
  :host([phone]) jr-legend {
    display: none;
  }
  :host([phone]) jr-persona-card {
    padding: 0 0.6rem 0.4rem;
  }
  :host([phone]) .board {
    margin: 0 0.6rem 1rem;
  }
  :host([phone]) .map {
    overflow: visible;
    border: 0;
    background: transparent;
    box-shadow: none;
  }
`;
