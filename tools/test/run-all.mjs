// `npm test`: every gate in order, each with a progress line, then one closing
// `N passed, N failed` line. Tests count one each; format, lint+typecheck and build count as one
// check each. A failed gate does not stop the later ones (except e2e, which needs the build),
// so one run shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const reports = join(root, 'tmp', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const environment = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0' };
const totals = { passed: 0, failed: 0 };
const failures = [];

function run(label, command, args) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, env: environment, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${label} (${seconds} s)`);
  return ok;
}

function gate(label, command, args) {
  const ok = run(label, command, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  if (!ok) failures.push(label);
  return ok;
}

function tests(label, projects, reportName) {
  const report = join(reports, `${reportName}.json`);
  const ok = run(label, 'npx', [
    'vitest',
    'run',
    ...projects.flatMap((project) => ['--project', project]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  if (existsSync(report)) {
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += summary.numPassedTests;
    totals.failed += summary.numFailedTests;
    // A suite that fails outside its tests (loading, a hook) has no failed test to show for it;
    // count it so it cannot pass silently.
    const brokenSuites = summary.testResults.filter(
      (suite) =>
        suite.status === 'failed' &&
        !suite.assertionResults.some((assertion) => assertion.status === 'failed'),
    );
    totals.failed += brokenSuites.length;
  } else {
    totals.failed += 1;
  }
  if (!ok) failures.push(label);
  return ok;
}

gate('format (prettier --check)', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
gate('lint and typecheck (nx run-many -t lint typecheck)', 'npx', [
  'nx',
  'run-many',
  '-t',
  'lint',
  'typecheck',
  '--outputStyle=static',
  // A test run checks the code as it is now, never a cached verdict.
  '--skip-nx-cache',
]);
tests('unit and integration tests (real PostgreSQL and Redis)', ['unit', 'int'], 'unit-int');
const built =
  gate('build server', 'node', ['tools/build/build-server.mjs']) &&
  gate('build console', 'npx', ['nx', 'run', 'console:build', '--outputStyle=static', '--skip-nx-cache']);
if (built) tests('e2e in Chromium against the built app', ['e2e'], 'e2e');
else failures.push('e2e (skipped: the build failed)');

console.log('');
if (failures.length > 0) console.log(`Failed: ${failures.join('; ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(failures.length > 0 || totals.failed > 0 ? 1 : 0);
