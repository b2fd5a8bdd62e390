import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

// Runs from dist/server/tools/bench; the repository root is four levels up.
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

const LOG_TAIL_CHARACTERS = 4_000;

/**
 * A server the bench starts (the api, or the raw Fastify baseline), run with plain `node` as the
 * production image runs it. Its output goes to a file rather than a pipe: a pipe the busy bench
 * drains late would block the server's synchronous log writes and be measured as server latency.
 */
export class BenchProcess {
  private child?: ChildProcess;

  constructor(
    readonly name: string,
    private readonly entryPoint: string,
    readonly port: number,
    private readonly logFile: string,
    private readonly environment: Record<string, string>,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Set once started: where /proc has the process's memory. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(cwd: string): this {
    const log = openSync(this.logFile, 'w');
    this.child = spawn(process.execPath, [this.entryPoint], {
      cwd,
      env: { ...process.env, ...this.environment, PORT: String(this.port) },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    return this;
  }

  /** Waits for GET /health to answer 200; fails with the server's output if it exits or takes too long. */
  async healthy(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited:\n${this.logTail()}`);
      const ok = await fetch(`${this.baseUrl}/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return;
      await delay(100);
    }
    throw new Error(`${this.name} was not healthy within ${timeoutMs} ms:\n${this.logTail()}`);
  }

  /** For a process without HTTP (the worker): waits for a line it logs once it is ready. */
  async logged(text: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited:\n${this.logTail()}`);
      if (this.logTail().includes(text)) return;
      await delay(100);
    }
    throw new Error(`${this.name} did not log "${text}" within ${timeoutMs} ms:\n${this.logTail()}`);
  }

  /** A process killed by a signal has no exit code, only a signal code. */
  private get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM, as an orchestrator stops a replica; resolves once the process has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }

  logTail(): string {
    try {
      return readFileSync(this.logFile, 'utf8').slice(-LOG_TAIL_CHARACTERS);
    } catch {
      return '(no output)';
    }
  }
}
