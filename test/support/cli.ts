import { spawn } from 'node:child_process';
import { join } from 'node:path';

const MINYI = join(__dirname, '..', '..', 'dist', 'src', 'cli', 'minyi.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/src/cli/minyi.js …` (what `npm run minyi -- …` runs) with only PATH and `env`. */
export function runMinyi(args: string[], env: Record<string, string>, options: { input?: string; cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MINYI, ...args], { env: { PATH: process.env.PATH!, LOG_LEVEL: 'warn', ...env }, cwd: options.cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
