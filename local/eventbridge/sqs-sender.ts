import {
  GetQueueUrlCommand,
  QueueDoesNotExist,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type { MessageAttributeValue, SQSClient } from '@aws-sdk/client-sqs';
import { parseSqsQueueArn } from './arn';
import { TargetQueueNotFoundError } from './errors';
import type { SqsTargetSender } from './types';

function isQueueMissing(error: unknown): boolean {
  if (error instanceof QueueDoesNotExist) {
    return true;
  }
  const name = error instanceof Error ? error.name : '';

  return name === 'QueueDoesNotExist' || name === 'AWS.SimpleQueueService.NonExistentQueue';
}

function toMessageAttributes(
  attributes: Record<string, string> | undefined,
): Record<string, MessageAttributeValue> | undefined {
  if (!attributes) {
    return undefined;
  }

  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      { DataType: 'String', StringValue: value },
    ]),
  );
}

const astralCharacter = /[\u{10000}-\u{10FFFF}]/gu;

/**
 * Escapes characters above U+FFFF in a JSON body as surrogate pairs (`\ud83d\ude00`), which
 * parse to the same value. fauxqs 2.4.1 rejects such characters although SQS accepts them, so
 * an event with an emoji would otherwise never reach its queue. Other bodies pass unchanged.
 * NOTE: a message sent straight to fauxqs with such characters is still rejected.
 */
export function escapeAstralCharacters(body: string): string {
  if (!astralCharacter.test(body)) {
    return body;
  }
  astralCharacter.lastIndex = 0;
  try {
    JSON.parse(body);
  } catch {
    return body;
  }

  return body.replace(astralCharacter, (character) => {
    const high = character.charCodeAt(0).toString(16);
    const low = character.charCodeAt(1).toString(16);

    return `\\u${high}\\u${low}`;
  });
}

/**
 * Creates a sender that sends to queues by ARN through `client`. Queue URLs come from
 * GetQueueUrl and are cached per ARN. A queue of another account is looked up with
 * QueueOwnerAWSAccountId. A missing queue rejects with TargetQueueNotFoundError and
 * leaves the cache, so a queue created again is found.
 */
export function createSqsTargetSender(client: SQSClient, accountId: string): SqsTargetSender {
  const queueUrls = new Map<string, string>();

  async function resolveQueueUrl(queueArn: string): Promise<string> {
    const cached = queueUrls.get(queueArn);
    if (cached !== undefined) {
      return cached;
    }
    const queue = parseSqsQueueArn(queueArn);
    if (!queue) {
      const format = 'arn:aws:sqs:<region>:<account>:<name>';
      throw new Error(`"${queueArn}" is not an SQS queue ARN (${format}).`);
    }
    const owner = queue.accountId === accountId ? undefined : queue.accountId;
    const command = new GetQueueUrlCommand({
      QueueName: queue.queueName,
      QueueOwnerAWSAccountId: owner,
    });
    const { QueueUrl: url } = await client.send(command);
    if (url === undefined) {
      throw new Error(`GetQueueUrl returned no QueueUrl for ${queueArn}.`);
    }
    queueUrls.set(queueArn, url);

    return url;
  }

  return {
    async send(queueArn, body, messageAttributes) {
      try {
        const queueUrl = await resolveQueueUrl(queueArn);
        const command = new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: escapeAstralCharacters(body),
          MessageAttributes: toMessageAttributes(messageAttributes),
        });
        await client.send(command);
      } catch (error) {
        if (isQueueMissing(error)) {
          queueUrls.delete(queueArn);
          throw new TargetQueueNotFoundError(queueArn, { cause: error });
        }
        throw error;
      }
    },
  };
}
