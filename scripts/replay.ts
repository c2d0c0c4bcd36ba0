import {
  DescribeArchiveCommand,
  DescribeEventBusCommand,
  DescribeReplayCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import type { DescribeReplayCommandOutput } from '@aws-sdk/client-eventbridge';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = [
  'Usage: npm run replay -- --from <ISO time> --to <ISO time> [--rule <name> ...]',
  '  [--archive <name>] [--bus <name>] [--stage <stage>] [--name <replay name>] [--poll-ms <ms>]',
].join('\n');
const TIME_EXAMPLE = 'an ISO 8601 time such as 2026-01-31T12:00:00Z';

export interface ReplayOptions {
  from: Date;
  to: Date;
  archive: string;
  bus: string;
  /** Rule names on the bus; the replay reaches only these rules, or every rule when empty. */
  rules: string[];
  replayName: string;
  pollMs: number;
}

/** Error of a replay that ended FAILED or CANCELLED, or of invalid options. */
export class ReplayScriptError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReplayScriptError';
  }
}

function readTime(value: string | undefined, option: string): Date {
  if (value === undefined) {
    throw new ReplayScriptError(`Missing --${option}: give ${TIME_EXAMPLE}.\n${USAGE}`);
  }
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) {
    throw new ReplayScriptError(`Invalid --${option} "${value}": expected ${TIME_EXAMPLE}.`);
  }

  return time;
}

/** Reads the command line. Archive and bus default to the stage's names. */
export function readOptions(args: string[]): ReplayOptions {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      rule: { type: 'string', multiple: true },
      archive: { type: 'string' },
      bus: { type: 'string' },
      stage: { type: 'string', default: 'dev' },
      name: { type: 'string' },
      'poll-ms': { type: 'string', default: '1000' },
    },
  });
  const pollMs = Number(values['poll-ms']);
  if (!Number.isInteger(pollMs) || pollMs < 10) {
    const message = `Invalid --poll-ms "${values['poll-ms']}": expected an integer of at least 10.`;
    throw new ReplayScriptError(message);
  }
  const bus = values.bus ?? `shop-${values.stage}`;

  return {
    from: readTime(values.from, 'from'),
    to: readTime(values.to, 'to'),
    archive: values.archive ?? `shop-${values.stage}-archive`,
    bus,
    rules: values.rule ?? [],
    replayName: values.name ?? defaultReplayName(bus),
    pollMs,
  };
}

/** Returns `<bus>-<epoch ms>`, cut to the 64 characters that a replay name may have. */
function defaultReplayName(bus: string): string {
  const suffix = `-${Date.now()}`;

  return `${bus.replace(/[^.\-_A-Za-z0-9]/g, '-').slice(0, 64 - suffix.length)}${suffix}`;
}

function formatTime(time: Date | undefined): string {
  return time === undefined ? '-' : time.toISOString();
}

/** Consecutive DescribeReplay server errors that the script waits out before it gives up. */
const MAX_FAILED_POLLS = 10;

/** Polls DescribeReplay until the replay ends, printing each change of state or progress. */
async function waitForReplay(
  client: EventBridgeClient,
  options: ReplayOptions,
  print: (line: string) => void,
): Promise<DescribeReplayCommandOutput> {
  let lastLine = '';
  let failedPolls = 0;
  for (;;) {
    let replay: DescribeReplayCommandOutput;
    try {
      replay = await client.send(new DescribeReplayCommand({ ReplayName: options.replayName }));
      failedPolls = 0;
    } catch (error) {
      // The replay goes on while DescribeReplay fails, so a server error is waited out.
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
      failedPolls += 1;
      if (status < 500 || failedPolls > MAX_FAILED_POLLS) {
        throw error;
      }
      print(`DescribeReplay failed (${(error as Error).name}), polling again`);
      await sleep(options.pollMs);
      continue;
    }
    const progress = `last replayed event time ${formatTime(replay.EventLastReplayedTime)}`;
    const line = `${replay.State ?? 'UNKNOWN'}  ${progress}`;
    if (line !== lastLine) {
      print(line);
      lastLine = line;
    }
    if (!['STARTING', 'RUNNING', 'CANCELLING'].includes(replay.State ?? '')) {
      return replay;
    }
    await sleep(options.pollMs);
  }
}

/**
 * Starts a replay of the archive's events between `from` and `to` onto the bus, limited to
 * the named rules, and waits for it to end. Throws ReplayScriptError unless it COMPLETED.
 */
export async function replay(
  client: EventBridgeClient,
  options: ReplayOptions,
  print: (line: string) => void,
): Promise<void> {
  const archive = await client.send(new DescribeArchiveCommand({ ArchiveName: options.archive }));
  const bus = await client.send(new DescribeEventBusCommand({ Name: options.bus }));
  const filterArns: string[] = [];
  for (const rule of options.rules) {
    const request = { Name: rule, EventBusName: options.bus };
    const described = await client.send(new DescribeRuleCommand(request));
    filterArns.push(described.Arn as string);
  }
  await client.send(
    new StartReplayCommand({
      ReplayName: options.replayName,
      EventSourceArn: archive.ArchiveArn,
      EventStartTime: options.from,
      EventEndTime: options.to,
      Destination: { Arn: bus.Arn, FilterArns: filterArns.length > 0 ? filterArns : undefined },
    }),
  );
  const rules = options.rules.length > 0 ? options.rules.join(', ') : 'all rules';
  const window = `${options.from.toISOString()} to ${options.to.toISOString()}`;
  print(`Replay ${options.replayName}: ${options.archive} -> ${options.bus} (${rules}), ${window}`);
  const result = await waitForReplay(client, options, print);
  if (result.State !== 'COMPLETED') {
    const reason = result.StateReason ?? 'no reason given';
    throw new ReplayScriptError(`Replay ${options.replayName} ended ${result.State}: ${reason}`);
  }
  print(`Replay ${options.replayName} completed at ${formatTime(result.ReplayEndTime)}.`);
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  await replay(new EventBridgeClient({}), options, (line) => process.stdout.write(`${line}\n`));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
