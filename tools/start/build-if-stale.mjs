// Rebuilds the server or the console only when a source file is newer than the last build, so a
// second `npm start` is instant and a pulled change is never served stale.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(root, path) {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full).reduce(
    (newest, entry) =>
      entry === 'node_modules' ? newest : Math.max(newest, newestMtime(root, join(path, entry))),
    0,
  );
}

function isStale(root, output, sources) {
  const outputPath = join(root, output);
  if (!existsSync(outputPath)) return true;
  const builtAt = statSync(outputPath).mtimeMs;
  return sources.some((source) => newestMtime(root, source) > builtAt);
}

const TARGETS = [
  {
    name: 'server',
    output: 'dist/server/package.json',
    sources: ['apps/api/src', 'apps/worker/src', 'libs', 'migrations', 'tools', 'package-lock.json'],
    command: ['node', ['tools/build/build-server.mjs']],
  },
  {
    name: 'console',
    output: 'dist/console/browser/index.html',
    sources: ['apps/console', 'libs/contracts/src', 'package-lock.json'],
    command: ['npx', ['nx', 'run', 'console:build', '--skip-nx-cache']],
  },
];

export function buildIfStale(root, log) {
  for (const target of TARGETS) {
    if (!isStale(root, target.output, target.sources)) {
      log(`${target.name}: up to date`);
      continue;
    }
    log(`${target.name}: building (first start or sources changed)…`);
    const started = Date.now();
    const [command, args] = target.command;
    execFileSync(command, args, {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    log(`${target.name}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
