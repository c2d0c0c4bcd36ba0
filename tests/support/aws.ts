import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { inject } from 'vitest';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** SDK clients pointed at the local AWS endpoint that the global setup started. */
export function localClients() {
  const config = { region: inject('region'), endpoint: inject('awsEndpoint'), credentials };

  return {
    sqs: new SQSClient(config),
    events: new EventBridgeClient(config),
    dynamoDb: DynamoDBDocumentClient.from(new DynamoDBClient(config)),
  };
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

/** Creates a queue with a dead-letter queue; returns both URLs and ARNs. */
export async function createQueueWithDlq(sqs: SQSClient, name: string, visibilityTimeout: number, maxReceiveCount: number) {
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const dlqArn = await queueArn(sqs, dlq.QueueUrl as string);
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(visibilityTimeout),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }),
      },
    }),
  );

  return {
    queueUrl: queue.QueueUrl as string,
    queueArn: await queueArn(sqs, queue.QueueUrl as string),
    dlqUrl: dlq.QueueUrl as string,
    dlqArn,
  };
}

export async function queueArn(sqs: SQSClient, queueUrl: string): Promise<string> {
  const response = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));

  return response.Attributes?.QueueArn as string;
}

/** Receives until `count` messages arrived or the timeout passed; returns what arrived. */
export async function receiveMessages(sqs: SQSClient, queueUrl: string, count: number, timeoutMs = 10_000): Promise<Message[]> {
  const messages: Message[] = [];
  const deadline = Date.now() + timeoutMs;
  while (messages.length < count && Date.now() < deadline) {
    const response = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    messages.push(...(response.Messages ?? []));
  }

  return messages;
}

/** Polls `check` until it returns a value that is not undefined, or throws after the timeout. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
