// Compiles every server-side TypeScript folder (apps, server libs, migrations, CLIs) with SWC into
// dist/server as native ES modules. SWC rather than tsc because Nest's DI needs decorator metadata
// and the path aliases must become relative imports; tsc does the type checking separately.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'dist', 'server');
const sources = [
  'apps/api/src',
  'apps/worker/src',
  'libs/contracts/src',
  'libs/server/platform/src',
  'libs/server/webhooks/src',
  'libs/server/agents/src',
  'libs/server/conversations/src',
  'libs/server/crm/src',
  'libs/server/analytics/src',
  'libs/server/integrations/src',
  // The simulator and benchmarks send the fake vendors' payloads.
  'libs/server/testing/src',
  'migrations',
  'tools',
];

const started = Date.now();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
execFileSync(
  join(root, 'node_modules', '.bin', 'swc'),
  [
    ...sources,
    '--config-file',
    join(root, 'tools', 'build', 'swc.server.json'),
    '--out-dir',
    out,
    '--ignore',
    '**/*.spec.ts,**/*.int-spec.ts,**/*.e2e-spec.ts,tools/**/*.mjs',
    '--quiet',
  ],
  { cwd: root, stdio: 'inherit' },
);
writeFileSync(join(out, 'package.json'), JSON.stringify({ type: 'module' }, null, 2) + '\n');
console.log(`server built into dist/server in ${Date.now() - started} ms`);
