import { parseArgs } from 'node:util';
import { isSimulationModeName, SIMULATION_MODES, type SimulationModeName } from './simulation-modes';

/** A command line we cannot run; the message says what to change. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type SimulateArguments =
  | { help: true }
  | {
      help: false;
      mode: SimulationModeName;
      target?: string;
      count?: number;
      seed?: string;
      livechatSecret?: string;
      ringcentralToken?: string;
    };

const MAX_COUNT = 10_000;

export function usage(): string {
  const nameWidth = Math.max(...Object.keys(SIMULATION_MODES).map((name) => name.length)) + 2;
  const modes = Object.entries(SIMULATION_MODES).map(
    ([name, mode]) => `  ${name.padEnd(nameWidth)}${mode.description} (default count ${mode.defaultCount})`,
  );
  return [
    'Sends LiveChat and RingCentral webhooks, in the vendors’ real formats, to a running platform.',
    '',
    'Usage: npm run simulate -- <mode> [options]',
    '',
    'Modes:',
    ...modes,
    '',
    'Options:',
    '  --target URL             the platform (default PUBLIC_URL, or http://localhost:PORT)',
    '  --count N                conversations to simulate',
    '  --seed S                 repeat a run’s conversations, with the same ids (printed after every run)',
    '  --livechat-secret S      LiveChat secret_key (default: LIVECHAT_WEBHOOK_SECRETS, newest)',
    '  --ringcentral-token T    RingCentral Verification-Token (default: RINGCENTRAL_VERIFICATION_TOKEN)',
    '  -h, --help               this text',
    '',
    'Exit code: 0 when every delivery was answered 200, 1 when some were not, 2 when nothing was sent.',
  ].join('\n');
}

function countOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const count = Number(text);
  if (!/^\d+$/.test(text) || count < 1 || count > MAX_COUNT) {
    throw new UsageError(`--count must be a whole number from 1 to ${MAX_COUNT}, got "${text}"`);
  }
  return count;
}

function targetOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) {
    throw new UsageError(`--target must be an http(s) URL such as http://localhost:3000, got "${text}"`);
  }
  return text;
}

export function parseSimulateArguments(args: readonly string[]): SimulateArguments {
  let parsed: ReturnType<typeof parseWithNode>;
  try {
    parsed = parseWithNode(args);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  const [mode, ...extra] = positionals;
  if (mode === undefined)
    throw new UsageError('Which mode? One of: ' + Object.keys(SIMULATION_MODES).join(', '));
  if (!isSimulationModeName(mode)) {
    throw new UsageError(`Unknown mode "${mode}"; one of: ${Object.keys(SIMULATION_MODES).join(', ')}`);
  }
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra.join(' ')}"`);
  return {
    help: false,
    mode,
    target: targetOf(values.target),
    count: countOf(values.count),
    seed: values.seed,
    livechatSecret: values['livechat-secret'],
    ringcentralToken: values['ringcentral-token'],
  };
}

function parseWithNode(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      target: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
      'livechat-secret': { type: 'string' },
      'ringcentral-token': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
