import { execFile } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/cli/project-root';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `customer-graph` command in a child process (from the project's root unless `cwd` says otherwise). */
export function runCli(args: string[], env: Record<string, string> = {}, cwd: string = projectRoot()): Promise<CliResult> {
  const bin = path.join(projectRoot(), 'bin', 'customer-graph');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, cwd, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
