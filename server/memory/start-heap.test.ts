/**
 * The young generation keeps its size while held, and grows again once released. Run in a fresh node process (the
 * test worker's own heap has long grown): retained allocation that would grow it, then the size V8 reports.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const SCRIPT = `
import v8 from 'node:v8';
import { holdYoungGeneration } from './server/memory/start-heap.ts';
const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const kept = [];
const allocate = () => { for (let i = 0; i < 300_000; i++) kept.push({ i, text: 'n' + i }); };
const initial = newSpace();
const release = holdYoungGeneration(process.argv.includes('--no-hold') ? ['--max-semi-space-size=16'] : [], undefined);
allocate();
const held = newSpace();
release();
allocate();
console.log(JSON.stringify({ initial, held, released: newSpace(), kept: kept.length }));
`;

async function run(...args: string[]): Promise<{ initial: number; held: number; released: number }> {
  const { stdout } = await promisify(execFile)('node', ['--import', 'tsx', '--input-type=module', '-e', SCRIPT, '--', ...args]);
  return JSON.parse(stdout) as { initial: number; held: number; released: number };
}

describe('holdYoungGeneration', () => {
  it('keeps the young generation at its size while the server loads, and lets it grow after', async () => {
    const sizes = await run();
    expect(sizes.held).toBe(sizes.initial);
    expect(sizes.released).toBeGreaterThan(sizes.initial);
  });

  it('leaves it alone when the command line sizes it', async () => {
    const sizes = await run('--no-hold');
    expect(sizes.held).toBeGreaterThan(sizes.initial);
  });
});
