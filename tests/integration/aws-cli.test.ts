import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';

import { uniqueName } from '../support/aws';

const execFileAsync = promisify(execFile);

/** The AWS CLI to run: `aws` from PATH unless AWS_CLI names another binary. */
const AWS_CLI = process.env.AWS_CLI ?? 'aws';
const versionRun = spawnSync(AWS_CLI, ['--version']);
const cliMissing = (versionRun.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
if (cliMissing) {
  console.warn(`Skipping the AWS CLI tests: no "${AWS_CLI}" binary on PATH. .ci/run installs awscli.`);
}

const region = inject('region');
const account = '000000000000';

/**
 * Environment of each CLI run: test credentials, no profile or pager of this machine, and
 * a proxy on a closed local port, so a call that ignored --endpoint-url fails at once
 * instead of leaving this machine.
 */
const cliEnv = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '/tmp',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_DEFAULT_REGION: region,
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_PAGER: '',
  AWS_EC2_METADATA_DISABLED: 'true',
  HTTPS_PROXY: 'http://127.0.0.1:9',
  HTTP_PROXY: 'http://127.0.0.1:9',
  NO_PROXY: '127.0.0.1,localhost',
};

class AwsCliError extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string,
    options?: ErrorOptions,
  ) {
    super(`aws ${args.slice(0, 2).join(' ')} failed: ${stderr.trim()}`, options);
    this.name = 'AwsCliError';
  }
}

/** Runs `aws ARGS` against the local endpoint and returns its parsed JSON output. */
async function aws(...args: string[]): Promise<Record<string, any>> {
  const fullArgs = [...args, '--endpoint-url', inject('awsEndpoint'), '--output', 'json'];
  try {
    const { stdout } = await execFileAsync(AWS_CLI, fullArgs, { env: cliEnv, timeout: 30_000 });

    return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, any>);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new AwsCliError(args, stderr, { cause: error });
  }
}

/** Returns the error of a CLI run that is expected to fail. */
async function awsFailure(...args: string[]): Promise<AwsCliError> {
  try {
    await aws(...args);
  } catch (error) {
    return error as AwsCliError;
  }
  throw new Error(`Expected "aws ${args.join(' ')}" to fail, but it succeeded.`);
}

/** Receives from the queue with 1 s long polls until a message arrives, 10 polls at most. */
async function receiveOne(queueUrl: string): Promise<Record<string, any> | undefined> {
  for (let poll = 0; poll < 10; poll += 1) {
    const output = await aws(
      'sqs', 'receive-message', '--queue-url', queueUrl, '--wait-time-seconds', '1',
      '--max-number-of-messages', '1', '--attribute-names', 'All',
    );
    const [message] = (output.Messages ?? []) as Record<string, any>[];
    if (message) {
      return message;
    }
  }

  return undefined;
}

const busName = uniqueName('cli-bus');
const queueName = uniqueName('cli-queue');
const ruleName = 'cli-rule';
const pattern = JSON.stringify({ source: ['test.cli'], 'detail-type': ['Probe'] });
const state = { queueUrl: '', queueArn: '', ruleArn: '', eventId: '' };

describe.skipIf(cliMissing)(`AWS CLI (${AWS_CLI}) against the local endpoint`, () => {
  it('creates an event bus', async () => {
    const output = await aws('events', 'create-event-bus', '--name', busName);

    expect(output.EventBusArn).toBe(`arn:aws:events:${region}:${account}:event-bus/${busName}`);
  });

  it('creates an SQS queue', async () => {
    const created = await aws('sqs', 'create-queue', '--queue-name', queueName);
    state.queueUrl = created.QueueUrl;
    const attributes = await aws(
      'sqs', 'get-queue-attributes', '--queue-url', state.queueUrl, '--attribute-names', 'QueueArn',
    );
    state.queueArn = attributes.Attributes?.QueueArn;

    expect(state.queueUrl).toContain(queueName);
    expect(state.queueArn).toBe(`arn:aws:sqs:${region}:${account}:${queueName}`);
  });

  it('puts a rule with a pattern', async () => {
    const output = await aws(
      'events', 'put-rule', '--name', ruleName, '--event-bus-name', busName,
      '--event-pattern', pattern,
    );
    state.ruleArn = output.RuleArn;

    expect(state.ruleArn).toBe(`arn:aws:events:${region}:${account}:rule/${busName}/${ruleName}`);
  });

  it('puts the queue as target', async () => {
    const targets = JSON.stringify([{ Id: 'queue', Arn: state.queueArn }]);

    const output = await aws(
      'events', 'put-targets', '--rule', ruleName, '--event-bus-name', busName,
      '--targets', targets,
    );

    expect(output.FailedEntryCount).toBe(0);
  });

  it('puts an event that reaches the queue', async () => {
    const entries = JSON.stringify([
      { EventBusName: busName, Source: 'test.cli', DetailType: 'Probe', Detail: '{"n":1}' },
    ]);

    const output = await aws('events', 'put-events', '--entries', entries);
    state.eventId = output.Entries?.[0]?.EventId;
    const message = await receiveOne(state.queueUrl);
    const event = JSON.parse(message?.Body ?? '{}');

    expect(output.FailedEntryCount).toBe(0);
    expect(state.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.id).toBe(state.eventId);
    expect(event.detail).toEqual({ n: 1 });
  });

  it('tests an event pattern', async () => {
    const event = {
      id: '1', account, source: 'test.cli', time: '2026-01-01T00:00:00Z',
      region, resources: [], 'detail-type': 'Probe', detail: {},
    };
    const other = { ...event, source: 'test.other' };

    const match = await aws(
      'events', 'test-event-pattern', '--event-pattern', pattern, '--event', JSON.stringify(event),
    );
    const noMatch = await aws(
      'events', 'test-event-pattern', '--event-pattern', pattern, '--event', JSON.stringify(other),
    );

    expect(match.Result).toBe(true);
    expect(noMatch.Result).toBe(false);
  });

  it('lists the rule and its target', async () => {
    const rules = await aws('events', 'list-rules', '--event-bus-name', busName);
    const targets = await aws(
      'events', 'list-targets-by-rule', '--rule', ruleName, '--event-bus-name', busName,
    );

    expect(rules.Rules?.map((rule: { Name: string }) => rule.Name)).toEqual([ruleName]);
    expect(rules.Rules?.[0]?.Arn).toBe(state.ruleArn);
    expect(targets.Targets).toEqual([{ Id: 'queue', Arn: state.queueArn }]);
  });

  it('reports an unknown rule', async () => {
    const error = await awsFailure(
      'events', 'describe-rule', '--name', 'missing-rule', '--event-bus-name', busName,
    );

    expect(error.stderr).toContain('ResourceNotFoundException');
  });

  it('removes the target and deletes the rule', async () => {
    const removed = await aws(
      'events', 'remove-targets', '--rule', ruleName, '--event-bus-name', busName, '--ids', 'queue',
    );
    await aws('events', 'delete-rule', '--name', ruleName, '--event-bus-name', busName);
    const rules = await aws('events', 'list-rules', '--event-bus-name', busName);

    expect(removed.FailedEntryCount).toBe(0);
    expect(rules.Rules).toEqual([]);
  });

  it('deletes the event bus', async () => {
    await aws('events', 'delete-event-bus', '--name', busName);
    const error = await awsFailure('events', 'describe-event-bus', '--name', busName);

    expect(error.stderr).toContain('ResourceNotFoundException');
  });

  it('deletes the queue', async () => {
    await aws('sqs', 'delete-queue', '--queue-url', state.queueUrl);
    const error = await awsFailure('sqs', 'get-queue-url', '--queue-name', queueName);

    expect(error.stderr).toMatch(/NonExistentQueue|QueueDoesNotExist/);
  });
});
