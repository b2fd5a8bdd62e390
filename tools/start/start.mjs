// `npm start`: one command from a fresh clone to a running product. Builds what is missing or
// stale, starts an embedded PostgreSQL unless DATABASE_URL is set, checks Redis, runs migrations,
// seeds the demo users on a fresh database, then runs the api (which serves the console) and
// the worker, and prints where to go.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';
import { startEmbeddedDatabase } from './embedded-database.mjs';
import { assertRedisReachable } from './redis-check.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (message) => console.log(`[start] ${message}`);

if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
const environment = {
  NODE_ENV: 'development',
  LOG_FORMAT: 'pretty',
  REDIS_URL: 'redis://127.0.0.1:6379',
  PORT: '3000',
  ...process.env,
};
const port = Number(environment.PORT);
const children = [];
let database;
let stopping = false;

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (children.some((child) => child.exitCode !== null))
      throw new Error('a process exited during start-up (see above)');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await delay(250);
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs / 1000} s`);
}

function run(name, script) {
  const child = spawn(process.execPath, ['--enable-source-maps', script], {
    cwd: root,
    env: environment,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  children.push(child);
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('shutting down…');
  await Promise.all(
    children
      .filter((child) => child.exitCode === null)
      .map((child) => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))),
  );
  await database?.stop();
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  await assertRedisReachable(environment.REDIS_URL);
  log(`Redis: ${environment.REDIS_URL}`);
  buildIfStale(root, log);

  if (!environment.DATABASE_URL) {
    database = await startEmbeddedDatabase(root, Number(environment.EMBEDDED_POSTGRES_PORT ?? 54329), log);
    environment.DATABASE_URL = database.url;
  } else {
    log('PostgreSQL: using DATABASE_URL');
  }

  const runCli = (...args) =>
    execFileSync(process.execPath, args, { cwd: root, env: environment, stdio: 'inherit' });
  runCli('dist/server/tools/migrations/migrations.cli.js', 'run');
  runCli('dist/server/tools/seed/seed-demo-users.cli.js');

  run('api', 'dist/server/apps/api/src/main.js');
  run('worker', 'dist/server/apps/worker/src/main.js');
  await waitForHealth(`http://127.0.0.1:${port}/health`, 60_000);

  const url = environment.PUBLIC_URL ?? `http://localhost:${port}`;
  console.log(
    [
      '',
      '  Contact center is running',
      `  Console:   ${url}/`,
      `  API docs:  ${url}/docs`,
      `  Health:    ${url}/health`,
      '  Sign in as admin@demo.local, supervisor@demo.local or agent@demo.local, password demo1234',
      '  Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch(async (error) => {
  console.error(`\n[start] ${error instanceof Error ? error.message : String(error)}\n`);
  await shutdown(1);
});
