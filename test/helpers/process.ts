/** The real server as a child process (`node --import tsx server/main.ts`, or a built bundle), for crash, fault and bundle tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { onTestFinished } from 'vitest';

export interface Spawned {
  child: ChildProcess;
  url: string;
  wsUrl: string;
  exited: Promise<number | null>;
}

/**
 * Spawns `node --import tsx server/main.ts` (or `node <args>`, e.g. a built bundle) in its own process group and
 * parses the listening URL.
 */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
  args: string[] = ['--import', 'tsx', 'server/main.ts'],
): Promise<Spawned> {
  const child = spawn('node', args, {
    detached: true,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', CLIENT_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  // JR_TEST_SERVER_STDERR=1 shows the servers' own error output while debugging a test.
  if (process.env.JR_TEST_SERVER_STDERR === '1') child.stderr?.pipe(process.stderr);
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (const line of buffer.split('\n')) {
        try {
          const parsed = JSON.parse(line) as { url?: string };
          if (parsed.url) resolve(parsed.url);
        } catch {
          // not a complete JSON line yet
          continue;
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
  return { child, url, wsUrl: url.replace(/^http/, 'ws') + '/ws', exited };
}

