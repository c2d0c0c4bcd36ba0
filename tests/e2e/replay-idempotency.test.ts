import { DescribeReplayCommand, StartReplayCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';

import { eventually, localClients } from '../support/aws';
import { api, notificationsOf, postOrder, settledOrder } from '../support/http';

const { sqs, events } = localClients();
const endpoint = inject('awsEndpoint');
const busArn = 'arn:aws:events:us-east-1:000000000000:event-bus/shop-test';
const archiveArn = 'arn:aws:events:us-east-1:000000000000:archive/shop-test-archive';
const consumerQueues = ['orders', 'inventory', 'payments', 'notifications'].map(
  (name) => `${endpoint}/000000000000/shop-test-${name}`,
);

async function queuesIdle(): Promise<boolean> {
  for (const queueUrl of consumerQueues) {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    if (Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible) > 0) {
      return false;
    }
  }

  return true;
}

/** Waits until every consumer queue stayed empty for two checks a second apart. */
async function waitUntilQuiet(): Promise<void> {
  await eventually(
    async () => {
      if (!(await queuesIdle())) {
        return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));

      return (await queuesIdle()) ? true : undefined;
    },
    60_000,
    'the consumer queues to drain',
  );
}

/** Everything a replay must not change: order views, stock and notifications. */
async function snapshot(orderIds: string[]) {
  const orders = await Promise.all(orderIds.map(async (orderId) => (await api(`/orders/${orderId}`)).body));
  const notifications = await Promise.all(orderIds.map((orderId) => notificationsOf(orderId)));
  const products = (await api('/products')).body;

  return { orders, notifications, products };
}

/**
 * Replays every archived event of the last hour and waits for the consumers. Returns the
 * time of the last replayed event.
 */
async function replayWholeArchive(name: string): Promise<Date | undefined> {
  await events.send(
    new StartReplayCommand({
      ReplayName: name,
      EventSourceArn: archiveArn,
      EventStartTime: new Date(Date.now() - 3_600_000),
      EventEndTime: new Date(),
      Destination: { Arn: busArn },
    }),
  );
  const replay = await eventually(
    async () => {
      const described = await events.send(new DescribeReplayCommand({ ReplayName: name }));
      if (described.State === 'FAILED') {
        throw new Error(`Replay ${name} failed: ${described.StateReason}`);
      }

      return described.State === 'COMPLETED' ? described : undefined;
    },
    60_000,
    `replay ${name} to complete`,
  );
  await waitUntilQuiet();

  return replay.EventLastReplayedTime;
}

describe('replaying the archive', () => {
  it('changes nothing when run twice', async () => {
    const placed = await Promise.all([
      postOrder({ customerId: 'c-replay', items: [{ sku: 'LAMP-01', quantity: 1 }], payment: { token: 'tok_ok' } }),
      postOrder({ customerId: 'c-replay', items: [{ sku: 'LAMP-01', quantity: 1 }], payment: { token: 'tok_declined' } }),
      postOrder({ customerId: 'c-replay', items: [{ sku: 'LAMP-01', quantity: 999 }], payment: { token: 'tok_ok' } }),
    ]);
    const orderIds = placed.map((response) => response.body.orderId as string);
    const settled = await Promise.all(orderIds.map((orderId) => settledOrder(orderId)));
    expect(settled.map((order) => order.status)).toEqual(['CONFIRMED', 'CANCELLED', 'CANCELLED']);
    await eventually(async () => {
      const counts = await Promise.all(orderIds.map(async (orderId) => (await notificationsOf(orderId)).length));

      return counts.every((count) => count === 1) ? true : undefined;
    }, 20_000, 'one notification per order');
    await waitUntilQuiet();
    const before = await snapshot(orderIds);

    const firstReplayed = await replayWholeArchive(`replay-first-${Date.now()}`);
    const afterFirst = await snapshot(orderIds);
    const secondReplayed = await replayWholeArchive(`replay-second-${Date.now()}`);
    const afterSecond = await snapshot(orderIds);

    expect(firstReplayed).toBeInstanceOf(Date);
    expect(secondReplayed).toBeInstanceOf(Date);
    expect(afterFirst.orders).toEqual(before.orders);
    expect(afterFirst.products).toEqual(before.products);
    expect(afterFirst.notifications).toEqual(before.notifications);
    expect(afterSecond).toEqual(before);
  });
});
