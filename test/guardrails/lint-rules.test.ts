/**
 * The type-aware lint checks itself: ESLint runs with the repository's own config (eslint.config.js) on a
 * file with a floating promise, and must refuse it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/server.js';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');

describe('type-aware lint', () => {
  it('refuses a floating promise and accepts the same call when awaited', { timeout: 180_000 }, async () => {
    const dir = await tempDir();
    await fs.mkdir(path.join(dir, 'server'));
    const tsconfig = { compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, types: [] }, include: ['server'] };
    await fs.writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    await fs.writeFile(path.join(dir, 'server/floating.ts'), 'async function save(): Promise<void> {}\nexport function run(): void {\n  save();\n}\n');
    await fs.writeFile(path.join(dir, 'server/awaited.ts'), 'async function save(): Promise<void> {}\nexport async function run(): Promise<void> {\n  await save();\n}\n');
    const eslint = path.join(repo, 'node_modules/eslint/bin/eslint.js');
    const config = path.join(repo, 'eslint.config.js');
    // ESLint exits 1 when it reports errors: that is the expected outcome here.
    const output = await run(process.execPath, [eslint, '-c', config, '--format', 'json', 'server'], { cwd: dir }).then(
      (r) => r.stdout,
      (error: { stdout?: string }) => error.stdout ?? '',
    );
    const results = JSON.parse(output) as { filePath: string; messages: { ruleId: string | null }[] }[];
    const rulesOf = (name: string) => results.find((r) => path.basename(r.filePath) === name)?.messages.map((m) => m.ruleId);
    expect(rulesOf('floating.ts')).toEqual(['@typescript-eslint/no-floating-promises']);
    expect(rulesOf('awaited.ts')).toEqual([]);
  });
});
