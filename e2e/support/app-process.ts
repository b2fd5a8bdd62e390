import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '@ccp/server-testing';

export const ROOT = join(import.meta.dirname, '..', '..');

const ENTRY_POINTS = {
  api: 'dist/server/apps/api/src/main.js',
  worker: 'dist/server/apps/worker/src/main.js',
  seed: 'dist/server/tools/seed/seed-demo-users.cli.js',
} as const;

export function assertBuilt(): void {
  const missing = [...Object.values(ENTRY_POINTS), 'dist/console/browser/index.html'].filter(
    (file) => !existsSync(join(ROOT, file)),
  );
  if (missing.length > 0) {
    throw new Error(
      `e2e needs the built app (run npm test, or npm run build first); missing: ${missing.join(', ')}`,
    );
  }
}

/** A process killed by a signal has no exit code, only a signal code. */
const exited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

/** One process of the built product (api, worker or a CLI), started exactly as production starts it. */
export class AppProcess {
  private child?: ChildProcess;
  private output = '';

  constructor(
    readonly name: keyof typeof ENTRY_POINTS,
    private readonly environment: Record<string, string>,
  ) {}

  start(): this {
    this.output = '';
    this.child = spawn(process.execPath, ['--enable-source-maps', ENTRY_POINTS[this.name]], {
      cwd: ROOT,
      env: { ...process.env, ...this.environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    return this;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.environment['PORT']}`;
  }

  async healthy(): Promise<void> {
    await waitFor(
      `${this.name} on ${this.baseUrl} to be healthy`,
      async () => {
        if (this.child?.exitCode !== null) throw new Error(`${this.name} exited:\n${this.output}`);
        const response = await fetch(`${this.baseUrl}/health`);
        return response.ok;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  }

  /** The exit code of a CLI run to completion; fails (with its output) if it does not end in time. */
  async finished(timeoutMs = 30_000): Promise<number> {
    return waitFor(`${this.name} to exit`, () => this.child?.exitCode ?? undefined, { timeoutMs }).catch(
      (error: unknown) => {
        throw new Error(`${(error as Error).message}\n${this.output}`);
      },
    );
  }

  /** SIGTERM, as an orchestrator stops a replica; resolves once the process has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || exited(child)) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }

  /** SIGKILL: a crash in the middle of whatever the process is doing. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || exited(child)) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGKILL');
    });
  }

  get log(): string {
    return this.output;
  }
}
