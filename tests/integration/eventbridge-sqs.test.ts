import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Message } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBridgeService } from '../../local/eventbridge/service';
import { createSqsTargetSender } from '../../local/eventbridge/sqs-sender';
import type { EventBridgeLogger } from '../../local/eventbridge/types';

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';

const quietLogger: EventBridgeLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

let app: ReturnType<typeof buildApp>;
let sqs: SQSClient;
let service: EventBridgeService;

interface Queue {
  url: string;
  arn: string;
}

async function createQueue(name: string): Promise<Queue> {
  const { QueueUrl: url = '' } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );

  return { url, arn: Attributes?.QueueArn ?? '' };
}

async function receive(queue: Queue): Promise<Message[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queue.url,
      MaxNumberOfMessages: 10,
      MessageAttributeNames: ['All'],
      WaitTimeSeconds: 0,
    }),
  );

  return Messages;
}

async function call(operation: string, request: object): Promise<Record<string, unknown>> {
  return (await service.handle(operation, request)) as Record<string, unknown>;
}

async function putOrderEvent(busName?: string): Promise<string> {
  const result = await call('PutEvents', {
    Entries: [
      {
        EventBusName: busName,
        Source: 'shop.orders',
        DetailType: 'OrderCreated',
        Detail: JSON.stringify({ orderId: 'o-7', total: 12.5 }),
      },
    ],
  });
  const [entry] = result.Entries as { EventId?: string }[];

  return entry?.EventId ?? '';
}

async function addRule(name: string, target: object, busName?: string): Promise<void> {
  await call('PutRule', {
    Name: name,
    EventBusName: busName,
    EventPattern: JSON.stringify({ source: ['shop.orders'], 'detail-type': ['OrderCreated'] }),
  });
  await call('PutTargets', { Rule: name, EventBusName: busName, Targets: [target] });
}

beforeAll(async () => {
  app = buildApp({ logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  sqs = new SQSClient({
    endpoint: address,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  service = new EventBridgeService({
    region: REGION,
    accountId: ACCOUNT,
    sqs: createSqsTargetSender(sqs, ACCOUNT),
    logger: quietLogger,
    retryBackoff: { baseDelayMs: 5, maxDelayMs: 20 },
  });
});

afterAll(async () => {
  await service?.drain();
  sqs?.destroy();
  await app?.close();
});

describe('EventBridge delivery to fauxqs', () => {
  it('delivers a matching event with the returned EventId', async () => {
    const queue = await createQueue('eb-matching');
    await addRule('matching', { Id: 'queue', Arn: queue.arn });

    const eventId = await putOrderEvent();
    await service.drain();
    const messages = await receive(queue);
    const event = JSON.parse(messages[0]?.Body ?? '{}');

    expect(messages).toHaveLength(1);
    expect(event.id).toBe(eventId);
    expect(event.detail).toEqual({ orderId: 'o-7', total: 12.5 });
  });

  it('keeps buses apart', async () => {
    const shopQueue = await createQueue('eb-shop-bus');
    const defaultQueue = await createQueue('eb-default-bus');
    await call('CreateEventBus', { Name: 'shop-bus' });
    await addRule('on-shop-bus', { Id: 'queue', Arn: shopQueue.arn }, 'shop-bus');
    await addRule('on-default-bus', { Id: 'queue', Arn: defaultQueue.arn });

    await putOrderEvent('shop-bus');
    await service.drain();

    expect(await receive(shopQueue)).toHaveLength(1);
    expect(await receive(defaultQueue)).toHaveLength(0);
  });

  it('delivers InputTransformer output', async () => {
    const queue = await createQueue('eb-transformed');
    await addRule('transformed', {
      Id: 'queue',
      Arn: queue.arn,
      InputTransformer: {
        InputPathsMap: { order: '$.detail.orderId', total: '$.detail.total' },
        InputTemplate: '{"order": <order>, "text": "order <order> costs <total>"}',
      },
    });

    await putOrderEvent();
    await service.drain();
    const messages = await receive(queue);

    expect(JSON.parse(messages[0]?.Body ?? '{}')).toEqual({
      order: 'o-7',
      text: 'order o-7 costs 12.5',
    });
  });

  it('sends events for a deleted queue to the DLQ', async () => {
    const queue = await createQueue('eb-deleted');
    const deadLetterQueue = await createQueue('eb-deleted-dlq');
    await addRule('deleted-target', {
      Id: 'queue',
      Arn: queue.arn,
      RetryPolicy: { MaximumRetryAttempts: 2 },
      DeadLetterConfig: { Arn: deadLetterQueue.arn },
    });
    await putOrderEvent();
    await service.drain();
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queue.url }));

    const eventId = await putOrderEvent();
    await service.drain();
    const [deadLetter] = await receive(deadLetterQueue);
    const attribute = (name: string) => deadLetter?.MessageAttributes?.[name]?.StringValue;

    expect(JSON.parse(deadLetter?.Body ?? '{}').id).toBe(eventId);
    expect(attribute('RULE_ARN')).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:rule/deleted-target`);
    expect(attribute('TARGET_ARN')).toBe(queue.arn);
    expect(attribute('ERROR_CODE')).toBe('NO_RESOURCE');
    expect(attribute('ERROR_MESSAGE')).toContain('does not exist');
    expect(attribute('RETRY_ATTEMPTS')).toBe('0');
  });
});
