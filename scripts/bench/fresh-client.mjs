/**
 * One stock y-websocket client in a process of its own, as a participant's new browser tab is: no code compiled
 * yet, no heap of the benchmark's around it. Connects to a board and prints, as one JSON line, when its SyncStep2
 * arrived and when it had the whole doc ('sync'), both in ms after the provider was made (the modules loaded).
 *
 *   node scripts/bench/fresh-client.mjs <ws url> <board id> <participant token> <member key>
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

const [url, room, token, member] = process.argv.slice(2);
if (!url || !room || !token || !member) {
  console.error('usage: fresh-client.mjs <ws url> <board id> <participant token> <member key>');
  process.exit(2);
}
let step2ArrivedAt;
/** Notes the first SyncStep2 (message 0, sync step 1) to arrive. */
class TimedWebSocket extends WebSocket {
  constructor(address, protocols) {
    super(address, protocols);
    this.on('message', (data) => {
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data, 0, 2) : new Uint8Array(data.buffer, data.byteOffset, 2);
      if (bytes[0] === 0 && bytes[1] === 1) step2ArrivedAt ??= performance.now();
    });
  }
}
const doc = new Y.Doc();
const started = performance.now();
const provider = new WebsocketProvider(url, room, doc, { WebSocketPolyfill: TimedWebSocket, disableBc: true, params: { token, member } });
const timeout = setTimeout(() => {
  console.error('fresh-client: no sync within 60 s');
  process.exit(1);
}, 60_000);
provider.once('sync', () => {
  const syncedAt = performance.now();
  clearTimeout(timeout);
  console.log(
    JSON.stringify({
      step2ArrivedMs: step2ArrivedAt === undefined ? null : Number((step2ArrivedAt - started).toFixed(1)),
      syncedMs: Number((syncedAt - started).toFixed(1)),
      notes: doc.getMap('notes').size,
    }),
  );
  provider.destroy();
  process.exit(0);
});
