/**
 * The browser section of the benchmark: real Chromium pages (Debian's, through playwright-core, as the
 * browser tests launch it) on a board of 2,000 notes, each a participant who joined by name, five of whom
 * type into their own notes with the real keyboard at a person's pace. It measures what a participant
 * sees: keystroke → the text shown in every other participant's page, main-thread long tasks, and the
 * time to open the board. Figures, never pass/fail.
 *
 * One clock: every page records `performance.timeOrigin + performance.now()` (epoch milliseconds at
 * sub-millisecond resolution) on the same machine, so a keydown in one page and the frame that shows its
 * character in another compare directly.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../../e2e/helpers/browser.js';
import { LAPTOP, PHONE, rememberLayout } from '../../e2e/helpers/pages.js';
import { addNote } from '../../shared/board/write.js';
import { readLanes, readStages } from '../../shared/board/read.js';
import { NOTE } from '../../shared/board/schema.js';
import { close, connect, createBoard, join, percentiles, sleep, type Board } from './clients.js';
import { chromiumProcesses, cpuMs, type Target } from './processes.js';
import { addNotes, waitForNotes } from './seed.js';
import * as Y from 'yjs';
import type { JoinResponse } from '../../shared/api.js';

/** What the section runs. */
export interface BrowserCaseOptions {
  /** notes on the board, the typists' included */
  notes: number;
  /** participants' pages (the first `typists` of them type) */
  pages: number;
  typists: number;
  /** characters per second each typist types */
  charsPerSecond: number;
  typingMs: number;
  /** when set, CPU profiles (.cpuprofile) of one page are written here (opening and typing), and a DevTools trace of its typing */
  profileDir?: string;
  /** the page profiled (0-based; the typists come first); default the last page, which only watches */
  profilePage?: number;
  /** when set, called after seeding: stops the server and starts a fresh one on the same data, which the pages then use */
  restartAfterSeeding?: () => Promise<Target>;
  /** the trace's categories (default `devtools.timeline`: the main thread); e.g. add `cc` and `disabled-by-default-devtools.timeline` for the compositor and raster threads */
  traceCategories?: string[];
  /**
   * The typists are stock Node clients editing their note's text (one character per keystroke, same schedule)
   * instead of pages: every page only watches, as one participant's laptop does while five others type on theirs.
   */
  remoteTypists?: boolean;
  /**
   * `phone`: the pages are phones (390 × 844, touch), which show one stage as lists of notes, and the typists'
   * notes are the first five of that stage's (the first) first lane, at the top of the page. `outline`: laptops
   * showing the map as an outline (every stage's lanes as lists, the view for screen readers and keyboards), the
   * typists' notes placed as on a phone. Default `laptop` (1280 × 800), the grid, the typists' notes in the
   * first lane of stages 1-5.
   */
  device?: BrowserDevice;
}

/** A typist that is a stock client: "keystrokes" are one-character inserts at the end of its note's text. */
async function remoteTypist(base: string, board: Board, member: JoinResponse, index: number): Promise<{ type: (char: string) => number; done: () => void }> {
  const client = await connect(base, board, member);
  const note = [...client.doc.getMap('notes').values()].find((n) => n instanceof Y.Map && String(n.get('text')).startsWith(marker(index)));
  const text = note instanceof Y.Map ? note.get('text') : undefined;
  if (!(text instanceof Y.Text)) throw new Error(`typist ${index} has no note`);
  return {
    type: (char) => {
      const at = performance.timeOrigin + performance.now();
      text.insert(text.length, char);
      return at;
    },
    done: () => close(client),
  };
}

/** Each device's pages: how they open, and the element that shows them the board. */
const DEVICES = {
  laptop: { context: { viewport: LAPTOP }, view: 'jr-board', layout: 'grid' },
  phone: { context: PHONE, view: 'jr-board-outline', layout: 'grid' },
  outline: { context: { viewport: LAPTOP }, view: 'jr-board-outline', layout: 'outline' },
} as const;
export type BrowserDevice = keyof typeof DEVICES;

/** The device a name gives (BENCH_BROWSER_DEVICE); any other name is an error that lists the devices. */
export function browserDevice(name: string): BrowserDevice {
  if (Object.hasOwn(DEVICES, name)) return name as BrowserDevice;
  throw new Error(`unknown browser device "${name}": one of ${Object.keys(DEVICES).join(', ')}`);
}
/**
 * Whether the device's typists' notes are the first five of the first lane of the first stage: the top of a
 * phone's page and of the outline, in view (notes further down are light items until they near the screen).
 */
const topTypists = (device: BrowserDevice): boolean => device !== 'laptop';
/** What the typists type (letters and spaces only: nothing the write path cleans). */
const SENTENCE = 'the customer cannot find the invoice and calls support again ';
/** A typist's note starts with its marker, so a page can tell whose note a text is. */
const marker = (typist: number): string => `T${typist}|`;

/**
 * Installed in every page before its scripts run. Records long tasks; the time the board first shows all its
 * notes, each rendered or counted by the placeholder of a part of a cell not rendered yet (checked once per
 * frame, then stamped after that frame is painted); for each typist's
 * note, when each text length was first set into a textarea and when the frame after it had run; and the
 * page's own keydowns.
 */
const PROBE = (notes: number, view: string): string => `(() => {
  const jr = (window.__jrBench = { longtasks: [], opened: 0, keys: [], dom: {}, frame: {} });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) jr.longtasks.push([performance.timeOrigin + e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (error) { jr.noLongtasks = String(error); }
  const findBoard = (root) => {
    const direct = root.querySelector('${view}');
    if (direct) return direct;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { const found = findBoard(el.shadowRoot); if (found) return found; }
    return null;
  };
  let board = null;
  const poll = () => {
    if (!board || !board.isConnected) board = findBoard(document);
    // every note is either an element or counted by the placeholder of a part not rendered yet (lazy cells)
    let count = 0;
    if (board && board.shadowRoot) {
      count = board.shadowRoot.querySelectorAll('jr-note').length;
      for (const pending of board.shadowRoot.querySelectorAll('[data-pending-notes]')) count += Number(pending.dataset.pendingNotes);
    }
    if (count >= ${notes}) { setTimeout(() => { jr.opened = performance.now(); }, 0); return; }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  addEventListener('keydown', (e) => { if (e.key.length === 1) jr.keys.push(performance.timeOrigin + e.timeStamp); }, true);
  let pending = [];
  const value = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value');
  Object.defineProperty(HTMLTextAreaElement.prototype, 'value', {
    configurable: true,
    enumerable: value.enumerable,
    get() { return value.get.call(this); },
    set(text) {
      value.set.call(this, text);
      const m = /^T(\\d+)\\|/.exec(text);
      if (!m) return;
      const now = performance.timeOrigin + performance.now();
      const seen = (jr.dom[m[1]] ??= {});
      seen[text.length] ??= now;
      if (pending.length === 0) requestAnimationFrame(() => setTimeout(() => {
        const at = performance.timeOrigin + performance.now();
        for (const [who, length] of pending) { const f = (jr.frame[who] ??= {}); f[length] ??= at; }
        pending = [];
      }, 0));
      pending.push([m[1], text.length]);
    },
  });
})();`;

/** Counts a page's elements, shadow trees included: all, note elements (`jr-note`), shadow roots. */
const DOM_COUNT = `(() => {
  let elements = 0, notes = 0, shadowRoots = 0;
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      elements++;
      if (el.localName === 'jr-note') notes++;
      if (el.shadowRoot) { shadowRoots++; walk(el.shadowRoot); }
    }
  };
  walk(document);
  return { elements, notes, shadowRoots };
})()`;

/** What a page recorded, as read back from window.__jrBench. */
interface Recorded {
  longtasks: [number, number][];
  opened: number;
  keys: number[];
  dom: Record<string, Record<string, number>>;
  frame: Record<string, Record<string, number>>;
  noLongtasks?: string;
}

interface Participant {
  member: JoinResponse;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** Milliseconds, one decimal. */
const ms1 = (value: number): number => Number(value.toFixed(1));

/** When each of `keys` (the k-th makes the text `base + k + 1` long) was first seen in `seen`. */
function latencies(keys: number[], base: number, seen: Record<string, number> | undefined): { samples: number[]; missing: number } {
  const entries = Object.entries(seen ?? {})
    .map(([length, at]) => [Number(length), at] as const)
    .sort((a, b) => a[0] - b[0]);
  const samples: number[] = [];
  let missing = 0;
  keys.forEach((pressedAt, k) => {
    let first = Infinity;
    for (const [length, at] of entries) if (length >= base + k + 1) first = Math.min(first, at);
    if (first === Infinity) missing++;
    else samples.push(first - pressedAt);
  });
  return { samples, missing };
}

/**
 * A board with `typists` notes of the typists (one each, first in their cells) and the rest by a seeder. Returns
 * how many notes a page shows: all of them on a laptop, the first stage's on a phone.
 */
async function seedTypingBoard(base: string, notes: number, typists: JoinResponse[], board: Board, device: BrowserDevice): Promise<number> {
  for (const [i, member] of typists.entries()) {
    const client = await connect(base, board, member);
    const stages = readStages(client.doc);
    const lanes = readLanes(client.doc);
    addNote(client.doc, {
      stageId: stages[topTypists(device) ? 0 : i % stages.length]!.id,
      laneId: lanes[0]!.id,
      text: marker(i),
      author: { id: member.memberId, name: member.name, role: 'stakeholder', department: 'Support' },
    });
    await sleep(50);
    close(client);
  }
  const seeder = await connect(base, board, await join(base, board, 'seeder'));
  await addNotes(seeder.doc, seeder.memberId, 'seeder', 0, notes - typists.length);
  await waitForNotes(base, board, notes);
  const firstStage = readStages(seeder.doc)[0]!.id;
  const shown = device === 'phone' ? [...seeder.doc.getMap('notes').values()].filter((n) => n instanceof Y.Map && n.get(NOTE.stageId) === firstStage).length : notes;
  close(seeder);
  return shown;
}

/** Samples the CPU of a page through the DevTools protocol until the returned function is called. */
async function profile(page: Page): Promise<() => Promise<unknown>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile: result } = await cdp.send('Profiler.stop');
    await cdp.detach();
    return result;
  };
}

/** Runs the browser case against a running server and returns its figures. */
export async function browserCase(seedingServer: Target, options: BrowserCaseOptions) {
  let server = seedingServer;
  let base = server.url;
  const board = await createBoard(base, 'browser bench');
  const remote = options.remoteTypists === true;
  const members: JoinResponse[] = [];
  for (let i = 0; i < options.pages; i++) members.push(await join(base, board, `P${i}`));
  const remoteMembers: JoinResponse[] = [];
  if (remote) for (let i = 0; i < options.typists; i++) remoteMembers.push(await join(base, board, `R${i}`));
  const typists = remote ? remoteMembers : members.slice(0, options.typists);
  const device = options.device ?? 'laptop';
  const shown = await seedTypingBoard(base, options.notes, typists, board, device);
  if (options.restartAfterSeeding) {
    // The pages then open the board on a server that has compiled nothing yet, as the first participant after a restart.
    server = await options.restartAfterSeeding();
    base = server.url;
  }
  if (options.profileDir) await mkdir(options.profileDir, { recursive: true });

  const browser = await launchBrowser();
  const participants: Participant[] = [];
  try {
    // Open the pages one after another, so each opening is timed alone (the earlier pages stay open, idle).
    const openMs: number[] = [];
    const openLongtaskMaxMs: number[] = [];
    for (const [i, member] of members.entries()) {
      const context = await browser.newContext(DEVICES[device].context);
      await context.addInitScript(`localStorage.setItem(${JSON.stringify(`journeyroom:member:${board.id}:participant`)}, ${JSON.stringify(JSON.stringify(member))});`);
      await context.addInitScript(rememberLayout(DEVICES[device].layout));
      await context.addInitScript(PROBE(shown, DEVICES[device].view));
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      const profiled = options.profilePage ?? members.length - 1;
      const stopProfile = options.profileDir && i === profiled ? await profile(page) : undefined;
      if (stopProfile) await browser.startTracing(page, { path: path.join(options.profileDir!, 'open.trace.json'), categories: options.traceCategories ?? ['devtools.timeline'] });
      await page.goto(`${base}/b/${board.id}#token=${board.participant}`);
      await page.waitForFunction(() => (globalThis as unknown as { __jrBench: Recorded }).__jrBench.opened > 0, undefined, { timeout: 60_000, polling: 100 });
      if (stopProfile) {
        await browser.stopTracing();
        await writeFile(path.join(options.profileDir!, 'open.cpuprofile'), JSON.stringify(await stopProfile()));
      }
      const recorded = await page.evaluate<Recorded>('window.__jrBench');
      openMs.push(ms1(recorded.opened));
      openLongtaskMaxMs.push(ms1(Math.max(0, ...recorded.longtasks.map(([, d]) => d))));
      participants.push({ member, context, page, errors });
    }

    // Each typist puts the caret at the end of their own note.
    const base0 = (i: number): number => marker(i).length;
    const pageTypists = remote ? [] : participants.slice(0, options.typists);
    const remotes = remote ? await Promise.all(remoteMembers.map((m, i) => remoteTypist(base, board, m, i))) : [];
    const remoteKeys: number[][] = remotes.map(() => []);
    for (const p of pageTypists) {
      const field = p.page.getByRole('textbox', { name: `Note text by ${p.member.name}` });
      await field.click();
      await field.press('End');
    }
    await sleep(1000);

    // CPU time is the figure that survives a busy machine (wait time is not in it): every Chromium process
    // and the server, over the typing window.
    const chromium = await chromiumProcesses();
    const cpuOf = (pids: number[]): Promise<number[]> => Promise.all(pids.map((pid) => cpuMs(pid).catch(() => NaN)));
    const cpuBefore = await cpuOf([server.proc.pid!, ...chromium.map((p) => p.pid)]);
    const watcher = participants[options.profilePage ?? participants.length - 1]!;
    const stopProfile = options.profileDir ? await profile(watcher.page) : undefined;
    // and a DevTools trace of it: where the time outside JavaScript goes (style, layout, paint)
    if (options.profileDir) await browser.startTracing(watcher.page, { path: path.join(options.profileDir, 'typing.trace.json'), categories: options.traceCategories ?? ['devtools.timeline'] });
    const typingStartedAt = Date.now();
    const interval = 1000 / options.charsPerSecond;
    const perTypist = Math.floor((options.typingMs / 1000) * options.charsPerSecond);
    // Each typist on its own phase, on a fixed schedule (a late key does not push the next ones back).
    await Promise.all(
      Array.from({ length: options.typists }, async (_, i) => {
        const start = performance.now() + (i * interval) / options.typists;
        for (let k = 0; k < perTypist; k++) {
          const wait = start + k * interval - performance.now();
          if (wait > 0) await sleep(wait);
          const char = SENTENCE[k % SENTENCE.length]!;
          if (remote) remoteKeys[i]!.push(remotes[i]!.type(char));
          else await pageTypists[i]!.page.keyboard.type(char);
        }
      }),
    );
    await sleep(2000); // the last keys arrive everywhere
    const typingEndedAt = Date.now();
    const cpuAfter = await cpuOf([server.proc.pid!, ...chromium.map((p) => p.pid)]);
    const cpuUsed = cpuAfter.map((after, i) => after - cpuBefore[i]!);
    const renderers = chromium.flatMap((p, i) => (p.cmdline.includes('--type=renderer') ? [cpuUsed[i + 1]!] : []));
    if (stopProfile) {
      await browser.stopTracing();
      await writeFile(path.join(options.profileDir!, 'typing.cpuprofile'), JSON.stringify(await stopProfile()));
    }

    const recorded = await Promise.all(participants.map((p) => p.page.evaluate<Recorded>('window.__jrBench')));
    const visible: number[] = [];
    const dom: number[] = [];
    let missing = 0;
    for (const typist of remotes) typist.done();
    for (let t = 0; t < options.typists; t++) {
      const keys = remote ? remoteKeys[t]! : recorded[t]!.keys;
      recorded.forEach((r, p) => {
        if (p === t && !remote) return;
        const frame = latencies(keys, base0(t), r.frame[String(t)]);
        visible.push(...frame.samples);
        missing += frame.missing;
        dom.push(...latencies(keys, base0(t), r.dom[String(t)]).samples);
      });
    }
    // each as [ms after the first key, duration]: a task in the first second is the pages' code and heaps warming up
    const typingLongtasks = recorded.map((r) => r.longtasks.filter(([at]) => at >= typingStartedAt && at <= typingEndedAt).map(([at, d]): [number, number] => [Math.round(at - typingStartedAt), ms1(d)]));
    const keystrokes = remote ? remoteKeys.reduce((n, keys) => n + keys.length, 0) : recorded.slice(0, options.typists).reduce((n, r) => n + r.keys.length, 0);
    const sum = (values: number[]): number => values.filter(Number.isFinite).reduce((a, b) => a + b, 0);
    return {
      notes: options.notes,
      pages: options.pages,
      device,
      viewport: DEVICES[device].context.viewport,
      notesShownPerPage: shown,
      typists: options.typists,
      typistsAre: remote ? 'stock clients (every page watches)' : 'pages',
      serverRestartedAfterSeeding: options.restartAfterSeeding !== undefined,
      charsPerSecondEach: options.charsPerSecond,
      keystrokes,
      typingWindowMs: typingEndedAt - typingStartedAt,
      cpuMsPerKeystroke: {
        /** what each page's renderer spends, on average, for one keystroke typed by anyone */
        rendererPerPage: Number((sum(renderers) / options.pages / keystrokes).toFixed(2)),
        chromiumAll: Number((sum(cpuUsed.slice(1)) / keystrokes).toFixed(2)),
        server: Number((cpuUsed[0]! / keystrokes).toFixed(2)),
      },
      rendererCpuMs: renderers.sort((a, b) => b - a),
      keystrokeToVisibleMs: percentiles(visible),
      keystrokeToDomMs: percentiles(dom),
      observationsMissing: missing,
      longTasksWhileTyping: {
        perPage: typingLongtasks.map((tasks) => ({ count: tasks.length, maxMs: Math.max(0, ...tasks.map(([, d]) => d)), atAndMs: tasks })),
        count: typingLongtasks.reduce((n, tasks) => n + tasks.length, 0),
        maxMs: Math.max(0, ...typingLongtasks.flat().map(([, d]) => d)),
        afterFirstSecond: typingLongtasks.flat().filter(([at]) => at >= 1000).length,
        supported: recorded[0]?.noLongtasks ?? true,
      },
      open: {
        msPerPage: openMs,
        first: openMs[0],
        p50: percentiles(openMs).p50,
        max: Math.max(...openMs),
        longTaskMaxMsPerPage: openLongtaskMaxMs,
      },
      pageErrors: participants.flatMap((p) => p.errors).slice(0, 10),
      /** each page's DOM after typing: elements (shadow trees included), note elements, shadow roots */
      domPerPage: await Promise.all(participants.map((p) => p.page.evaluate(DOM_COUNT))),
    };
  } finally {
    for (const p of participants) await p.context.close();
    await browser.close();
  }
}
