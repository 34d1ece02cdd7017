/** Developer tool: renders every format of a fixture board into a folder, to look at the results. Usage: tsx test/export/render-fixture.ts <fixture> <outDir> */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSummary } from '../../shared/board/summary.js';
import { EXPORT_FORMATS, renderExport } from '../../server/export/index.js';
import { FIXTURE_BOARDS, loadSummaryInput, type FixtureBoard } from '../fixtures/load.js';

const [name = 'workshop', outDir = 'test-results/exports'] = process.argv.slice(2);
if (!(FIXTURE_BOARDS as readonly string[]).includes(name)) throw new Error(`unknown fixture ${name}; one of ${FIXTURE_BOARDS.join(', ')}`);
const input = loadSummaryInput(name as FixtureBoard);
const summary = buildSummary(input);
mkdirSync(outDir, { recursive: true });
for (const format of EXPORT_FORMATS) {
  const result = await renderExport(format, { snapshot: input.board, summary });
  writeFileSync(path.join(outDir, `${name}.${format}`), result.body);
  console.log(`${format}\t${result.fileName}\t${result.contentType}\t${result.body.length}`);
}
