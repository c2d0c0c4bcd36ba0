import {
  GetQueueUrlCommand,
  QueueDoesNotExist,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { TargetQueueNotFoundError } from '../../local/eventbridge/errors';
import { createSqsTargetSender } from '../../local/eventbridge/sqs-sender';

const ACCOUNT = '000000000000';
const ordersArn = `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`;

function queueMissing(): QueueDoesNotExist {
  return new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: {} });
}

/** A stand-in for SQSClient that records commands and returns queue URLs from `queues`. */
class FakeSqsClient {
  readonly commands: (GetQueueUrlCommand | SendMessageCommand)[] = [];
  readonly queues = new Map<string, string>([['orders', 'http://sqs.local/000000000000/orders']]);

  async send(command: GetQueueUrlCommand | SendMessageCommand): Promise<unknown> {
    this.commands.push(command);
    if (command instanceof GetQueueUrlCommand) {
      const url = this.queues.get(command.input.QueueName ?? '');
      if (url === undefined) {
        throw queueMissing();
      }

      return { QueueUrl: url };
    }
    if (![...this.queues.values()].includes(command.input.QueueUrl ?? '')) {
      throw queueMissing();
    }

    return { MessageId: 'm-1' };
  }

  sendCommands(): SendMessageCommand[] {
    return this.commands.filter((command) => command instanceof SendMessageCommand);
  }
}

function createSender() {
  const client = new FakeSqsClient();
  const sender = createSqsTargetSender(client as unknown as SQSClient, ACCOUNT);

  return { client, sender };
}

describe('createSqsTargetSender', () => {
  it('sends the body to the queue URL of the ARN', async () => {
    const { client, sender } = createSender();

    await sender.send(ordersArn, '{"a":1}');
    const [send] = client.sendCommands();

    expect(send?.input.QueueUrl).toBe('http://sqs.local/000000000000/orders');
    expect(send?.input.MessageBody).toBe('{"a":1}');
  });

  it('caches the queue URL', async () => {
    const { client, sender } = createSender();

    await sender.send(ordersArn, 'one');
    await sender.send(ordersArn, 'two');
    const lookups = client.commands.filter((command) => command instanceof GetQueueUrlCommand);

    expect(lookups).toHaveLength(1);
  });

  it('sends message attributes as String attributes', async () => {
    const { client, sender } = createSender();

    await sender.send(ordersArn, 'body', { ERROR_CODE: 'NO_RESOURCE' });
    const [send] = client.sendCommands();

    expect(send?.input.MessageAttributes).toEqual({
      ERROR_CODE: { DataType: 'String', StringValue: 'NO_RESOURCE' },
    });
  });

  it('looks up a queue of another account with its owner id', async () => {
    const { client, sender } = createSender();
    const foreignArn = 'arn:aws:sqs:us-east-1:111111111111:orders';

    await sender.send(foreignArn, 'body');
    const [lookup] = client.commands;

    expect((lookup as GetQueueUrlCommand).input.QueueOwnerAWSAccountId).toBe('111111111111');
  });

  it('rejects a missing queue with TargetQueueNotFoundError', async () => {
    const { sender } = createSender();
    const missingArn = `arn:aws:sqs:us-east-1:${ACCOUNT}:missing`;

    await expect(sender.send(missingArn, 'body')).rejects.toBeInstanceOf(TargetQueueNotFoundError);
  });

  it('forgets the cached URL of a deleted queue', async () => {
    const { client, sender } = createSender();
    await sender.send(ordersArn, 'one');
    client.queues.delete('orders');

    const failure = sender.send(ordersArn, 'two');
    await expect(failure).rejects.toBeInstanceOf(TargetQueueNotFoundError);
    client.queues.set('orders', 'http://sqs.local/000000000000/orders-again');
    await sender.send(ordersArn, 'three');
    const urls = client.sendCommands().map((command) => command.input.QueueUrl);

    expect(urls.at(-1)).toBe('http://sqs.local/000000000000/orders-again');
  });

  it('rejects text that is not an SQS ARN', async () => {
    const { sender } = createSender();

    await expect(sender.send('orders', 'body')).rejects.toThrow('is not an SQS queue ARN');
  });
});
