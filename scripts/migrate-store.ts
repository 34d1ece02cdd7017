/**
 * Moving up from the embedded store: copies every board of a SQLite data dir into PostgreSQL, then checks the
 * copy (board count, notes per board, members, checkpoints, attendance, and the summary of every board equal
 * on both sides). Each board is copied in one transaction and skipped when already there, so the command
 * can be re-run after an interruption. Stop the single instance first: a board edited during the copy
 * would differ.
 *
 *   npm run migrate-store -- --from ./data --to "$DATABASE_URL" [--schema journeyroom]
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { readNotes } from '../shared/board/read.js';
import { readBoard } from '../shared/board/snapshot.js';
import { buildSummary } from '../shared/board/summary.js';
import { boardDocAddress, privateDocAddress, sessionDocAddress, type DocAddress } from '../shared/protocol.js';
import type { BoardStore } from '../server/persistence/board-store.js';
import type { StoredDoc } from '../server/persistence/document-store.js';
import { PgStore, type BoardBundle } from '../server/persistence/pg/pg-store.js';
import { all, closeDatabase, openDatabase } from '../server/persistence/sqlite-driver.js';
import { SqliteStore } from '../server/persistence/sqlite-store.js';

const USAGE = 'usage: npm run migrate-store -- --from <data dir or .sqlite file> --to postgres://user@host:5432/db [--schema journeyroom]';

/** A refusal of the command line or the source: printed without a stack trace, exit code 2. */
class UsageError extends Error {}

function parse(argv: string[]): { file: string; url: string; schema: string } {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { from: { type: 'string' }, to: { type: 'string' }, schema: { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.from || !values.to) throw new UsageError(`--from and --to are required\n${USAGE}`);
  if (!/^postgres(ql)?:\/\//.test(values.to)) throw new UsageError(`--to must be a postgres:// URL\n${USAGE}`);
  const from = path.resolve(values.from);
  const file = existsSync(from) && statSync(from).isDirectory() ? path.join(from, 'journeyroom.sqlite') : from;
  if (!existsSync(file)) throw new UsageError(`no SQLite database at ${file}`);
  const schema = values.schema ?? process.env.DATABASE_SCHEMA ?? 'journeyroom';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new UsageError(`--schema must be a lower-case PostgreSQL identifier, got ${JSON.stringify(schema)}`);
  return { file, url: values.to, schema };
}

async function sqliteBoardIds(file: string): Promise<string[]> {
  const db = await openDatabase(file, false);
  try {
    return (await all(db, 'SELECT id FROM boards ORDER BY id')).map((row) => String(row.id));
  } finally {
    await closeDatabase(db);
  }
}

function merged(stored: StoredDoc): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

async function docsOf(store: BoardStore, boardId: string): Promise<DocAddress[]> {
  const privates = await store.listPrivateDocMembers(boardId);
  return [boardDocAddress(boardId), sessionDocAddress(boardId), ...privates.map((m) => privateDocAddress(boardId, m))];
}

/** Reads everything of one board from the source store. */
async function bundleOf(store: BoardStore, boardId: string): Promise<BoardBundle> {
  const board = await store.getBoard(boardId);
  if (!board) throw new Error(`board ${boardId} vanished from the source`);
  const docs = [];
  for (const doc of await docsOf(store, boardId)) {
    const state = merged(await store.loadDoc(doc));
    docs.push({ doc, update: Y.encodeStateAsUpdate(state) });
    state.destroy();
  }
  const checkpoints = [];
  for (const summary of await store.listCheckpoints(boardId)) {
    const checkpoint = await store.getCheckpoint(boardId, summary.id);
    if (checkpoint) checkpoints.push(checkpoint);
  }
  const attendance = (await store.listAttendance(boardId)).map(({ boardId: b, memberId, joinedAt, leftAt }) => ({ boardId: b, memberId, joinedAt, leftAt }));
  return { board, docs, members: await store.listMembers(boardId), checkpoints, attendance };
}

/** What must be equal on both sides for one board. */
async function fingerprint(store: BoardStore, boardId: string): Promise<Record<string, unknown>> {
  const doc = merged(await store.loadDoc(boardDocAddress(boardId)));
  const board = readBoard(doc);
  const result = {
    notes: readNotes(doc).length,
    summary: JSON.stringify(buildSummary({ board, generatedAt: 0 })),
    members: (await store.listMembers(boardId)).length,
    checkpoints: (await store.listCheckpoints(boardId)).map((c) => c.id).join(','),
    attendance: (await store.listAttendance(boardId)).length,
    privateDocs: (await store.listPrivateDocMembers(boardId)).join(','),
  };
  doc.destroy();
  return result;
}

async function main(): Promise<number> {
  const { file, url, schema } = parse(process.argv.slice(2));
  const ids = await sqliteBoardIds(file);
  const source = await SqliteStore.open(file);
  const target = await PgStore.open({ connectionString: url, schema });
  try {
    let copied = 0;
    for (const id of ids) {
      const fresh = await target.importBoard(await bundleOf(source, id));
      if (fresh) copied++;
      process.stdout.write(`${fresh ? 'copied' : 'already there'}  ${id}\n`);
    }
    // The check: every source board is in PostgreSQL, with the same notes, summary, members, checkpoints and attendance.
    const present = new Set(await target.listBoardIds());
    const problems: string[] = [];
    for (const id of ids) {
      if (!present.has(id)) {
        problems.push(`${id}: missing in PostgreSQL`);
        continue;
      }
      const [a, b] = [await fingerprint(source, id), await fingerprint(target, id)];
      for (const key of Object.keys(a)) if (a[key] !== b[key]) problems.push(`${id}: ${key} differs`);
    }
    process.stdout.write(`boards: ${ids.length} in SQLite, ${copied} copied now, ${ids.length - copied} already there; ${present.size} in PostgreSQL schema ${schema}\n`);
    if (problems.length > 0) {
      process.stderr.write(`check FAILED:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
      return 1;
    }
    process.stdout.write(`check passed: board count, notes per board, members, checkpoints, attendance and summaries are equal\n`);
    return 0;
  } finally {
    await source.close();
    await target.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`migrate-store: ${error instanceof UsageError ? error.message : ((error as Error)?.stack ?? String(error))}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
