import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';

import { seedProducts } from '../../scripts/seed-products';
import { eventually, localClients, queueArn, receiveMessages, uniqueName } from '../support/aws';
import { availableOf, notificationsOf, postOrder, settledOrder } from '../support/http';

const { sqs, events, dynamoDb } = localClients();

/** Routes every shop.orders event of this customer on the shop bus to a new queue. */
async function recordOrderEvents(customerId: string): Promise<string> {
  const name = uniqueName('record-order-events');
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl as string;
  const pattern = { source: ['shop.orders'], detail: { data: { customerId: [customerId] } } };
  await events.send(new PutRuleCommand({ Name: name, EventBusName: 'shop-test', EventPattern: JSON.stringify(pattern) }));
  await events.send(
    new PutTargetsCommand({ Rule: name, EventBusName: 'shop-test', Targets: [{ Id: 'queue', Arn: await queueArn(sqs, queueUrl) }] }),
  );

  return queueUrl;
}

/** Sends a recorded event again, as an EventBridge replay delivers it: same id, with replay-name. */
async function replay(queueName: string, event: Record<string, unknown>): Promise<string> {
  const queueUrl = (await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }))).QueueUrl as string;
  const body = JSON.stringify({ ...event, 'replay-name': 'e2e-replay' });
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));

  return queueUrl;
}

async function queueDrained(queueUrl: string): Promise<true | undefined> {
  const output = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  const waiting = Number(output.Attributes?.ApproximateNumberOfMessages ?? 0);
  const inFlight = Number(output.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);

  return waiting + inFlight === 0 ? true : undefined;
}

async function stockEventCount(sku: string): Promise<number> {
  const output = await dynamoDb.send(
    new QueryCommand({
      TableName: 'shop-test-inventory',
      KeyConditionExpression: 'streamId = :streamId',
      ExpressionAttributeValues: { ':streamId': `stock#${sku}` },
      ConsistentRead: true,
    }),
  );

  return output.Count ?? 0;
}

describe('replayed events', () => {
  it('charge, reserve and notify only once', async () => {
    const customerId = uniqueName('replay-customer');
    const sku = uniqueName('REPLAY').toUpperCase();
    const tables = { productsTable: 'shop-test-products', inventoryTable: 'shop-test-inventory' };
    await seedProducts(dynamoDb, tables, [{ sku, name: 'Replayed', price: { amount: 900, currency: 'EUR' }, stock: 5 }]);
    const recorded = await recordOrderEvents(customerId);
    const created = await postOrder({ customerId, items: [{ sku, quantity: 1 }], payment: { token: 'tok_visa' } });
    const orderId = created.body.orderId as string;
    await settledOrder(orderId, 30_000);
    await eventually(async () => ((await notificationsOf(orderId)).length === 1 ? true : undefined), 15_000, 'the notification');
    await eventually(async () => ((await availableOf(sku)) === 4 ? true : undefined), 15_000, 'the reserved stock');
    const messages = await receiveMessages(sqs, recorded, 3, 10_000);
    const byType = new Map(messages.map((message) => {
      const event = JSON.parse(message.Body ?? '{}') as Record<string, unknown>;

      return [event['detail-type'] as string, event];
    }));
    const payment = await dynamoDb.send(new GetCommand({ TableName: 'shop-test-payments', Key: { orderId } }));

    const queues = await Promise.all([
      replay('shop-test-inventory', byType.get('OrderCreated') ?? {}),
      replay('shop-test-payments', byType.get('PaymentRequested') ?? {}),
      replay('shop-test-notifications', byType.get('OrderConfirmed') ?? {}),
    ]);
    for (const queueUrl of queues) {
      await eventually(() => queueDrained(queueUrl), 20_000, `${queueUrl} to be consumed`);
    }

    expect([...byType.keys()].sort()).toEqual(['OrderConfirmed', 'OrderCreated', 'PaymentRequested']);
    const after = await dynamoDb.send(new GetCommand({ TableName: 'shop-test-payments', Key: { orderId } }));
    expect(after.Item).toEqual(payment.Item);
    expect(await stockEventCount(sku)).toBe(2);
    expect(await availableOf(sku)).toBe(4);
    expect(await notificationsOf(orderId)).toHaveLength(1);
  });
});
