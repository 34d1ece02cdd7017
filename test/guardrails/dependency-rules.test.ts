/**
 * The import rules check themselves: dependency-cruiser runs with the repository's own config
 * (.dependency-cruiser.cjs) on a small tree that breaks each rule once, and must name every break.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/server.js';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');

/** Files of the fixture tree: path -> source. */
const TREE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
  'shared/pure.ts': "import { view } from '../client/view.js';\nexport const pure = view;\n",
  'client/view.ts': "import { route } from '../server/http/route.js';\nexport const view = route;\n",
  'server/http/route.ts': "import { widget } from '../../client/widget.js';\nexport const route = widget;\n",
  'client/widget.ts': 'export const widget = 1;\n',
  'server/rooms/room.ts': "import { route } from '../http/route.js';\nexport const room = route;\n",
  'server/persistence/store.ts': "import { room } from '../rooms/room.js';\nexport const store = room;\n",
  'server/export/pdf.ts': "import { store } from '../persistence/store.js';\nexport const pdf = store;\n",
  'server/facilitation/service.ts': "import { route } from '../http/route.js';\nexport const service = route;\n",
  'server/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
  'server/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
  'server/uses-test.ts': "import { helper } from '../test/helper.js';\nexport const x = helper;\n",
  'test/helper.ts': 'export const helper = 1;\n',
};

describe('dependency rules', () => {
  it('name every broken rule of the fixture tree', { timeout: 180_000 }, async () => {
    const dir = await tempDir();
    for (const [file, source] of Object.entries(TREE)) {
      await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await fs.writeFile(path.join(dir, file), source);
    }
    const bin = path.join(repo, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
    const config = path.join(repo, '.dependency-cruiser.cjs');
    // depcruise exits non-zero when it finds violations: that is the expected outcome here.
    const output = await run(process.execPath, [bin, 'server', 'shared', 'client', '--config', config, '--output-type', 'json'], { cwd: dir }).then(
      (r) => r.stdout,
      (error: { stdout?: string }) => error.stdout ?? '',
    );
    const result = JSON.parse(output) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
    const broken = new Set(result.summary.violations.map((v) => v.rule.name));
    expect([...broken].sort()).toEqual(
      [
        'client-never-imports-server',
        'exporters-see-summaries-only',
        'no-cycles',
        'production-code-never-imports-tests',
        'rooms-below-transport',
        'server-never-imports-client',
        'services-below-transport',
        'shared-imports-neither-side',
        'storage-depends-on-nothing-above-it',
      ].sort(),
    );
  });
});
