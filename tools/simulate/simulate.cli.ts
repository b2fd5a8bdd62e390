import 'reflect-metadata';
import {
  livechatWebhookSecretsOf,
  publicUrlOf,
  readConfigFromEnvironment,
  ringcentralVerificationTokenOf,
  type AppConfig,
} from '@ccp/server-platform';
import { deliverAll, SeededRandom, type DeliveryResult, type VendorSecrets } from '@ccp/server-testing';
import { setTimeout as delay } from 'node:timers/promises';
import { describeNetworkError, failureOf, formatReport, reportOf } from './delivery-report';
import { ProgressLine } from './progress-line';
import { parseSimulateArguments, usage, UsageError } from './simulate-arguments';
import { SIMULATION_MODES } from './simulation-modes';

const REACHABILITY_TIMEOUT_MS = 5_000;

/**
 * One clear message instead of one failure per delivery when nothing listens at the target. Any
 * HTTP answer counts: the target may be behind a proxy, or a stand-in server.
 */
async function assertReachable(target: string): Promise<void> {
  try {
    const response = await fetch(`${target.replace(/\/+$/, '')}/health`, {
      signal: AbortSignal.timeout(REACHABILITY_TIMEOUT_MS),
    });
    await response.body?.cancel();
  } catch (error) {
    throw new Error(
      `Cannot reach the platform at ${target} (${describeNetworkError(error)}).\n` +
        'Start it with `npm start`, or point --target at a running api.',
      { cause: error },
    );
  }
}

/** The command line wins; otherwise what the api itself accepts in this environment. */
function secretsFor(
  config: AppConfig,
  livechatSecret: string | undefined,
  ringcentralToken: string | undefined,
): VendorSecrets {
  // During a rotation the last secret is the new one.
  const livechat = livechatSecret ?? livechatWebhookSecretsOf(config).at(-1);
  const ringcentral = ringcentralToken ?? ringcentralVerificationTokenOf(config);
  if (livechat === undefined) throw new UsageError('No LiveChat secret configured; pass --livechat-secret.');
  if (ringcentral === undefined) {
    throw new UsageError('No RingCentral verification token configured; pass --ringcentral-token.');
  }
  return { livechatSecret: livechat, ringcentralToken: ringcentral };
}

async function main(): Promise<number> {
  const args = parseSimulateArguments(process.argv.slice(2));
  if (args.help) {
    console.log(usage());
    return 0;
  }
  const mode = SIMULATION_MODES[args.mode];
  const config = readConfigFromEnvironment();
  const secrets = secretsFor(config, args.livechatSecret, args.ringcentralToken);
  const target = args.target ?? publicUrlOf(config);
  const seed = args.seed ?? SeededRandom.freshSeed();
  const deliveries = mode.deliveries({
    secrets,
    count: args.count ?? mode.defaultCount,
    seed,
    now: new Date(),
  });
  await assertReachable(target);

  console.log(`${args.mode}: sending ${deliveries.length} deliveries to ${target}`);
  const progress = new ProgressLine(args.mode, deliveries.length, process.stdout);
  const startedAt = performance.now();
  const results: DeliveryResult[] = [];
  const pacingMs = 'pacingMs' in mode ? mode.pacingMs : undefined;
  for (const batch of pacingMs ? deliveries.map((delivery) => [delivery]) : [deliveries]) {
    if (pacingMs && results.length > 0) await delay(pacingMs);
    const settledBefore = results.length;
    results.push(
      ...(await deliverAll(target, batch, {
        concurrency: mode.concurrency,
        onSettled: (result, settled) =>
          progress.update(settledBefore + settled, failureOf(result) !== undefined),
      })),
    );
  }
  progress.finish();
  const report = reportOf(results);
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`${args.mode}: ${report.total} deliveries in ${seconds} s`);
  console.log(formatReport(report));
  console.log(`seed ${seed} (--seed ${seed} repeats these conversations, with the same ids)`);
  return report.failures.size > 0 ? 1 : 0;
}

main().then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${usage()}`);
    else console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
