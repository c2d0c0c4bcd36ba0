import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, inject, it } from 'vitest';

import { eventually, localClients, queueArn, receiveMessages, uniqueName } from '../support/aws';
import { api, postOrder, settledOrder } from '../support/http';

const { sqs, events } = localClients();
const endpoint = inject('awsEndpoint');
const busName = 'shop-test';

/** Calls the local endpoint's fault switch, which fails the next PutEvents calls. */
async function faults(method: string, body?: unknown): Promise<{ remaining: number }[]> {
  const response = await fetch(`${endpoint}/_local/faults`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as { faults?: { remaining: number }[] };

  return json.faults ?? [];
}

async function remainingPutEventsFaults(): Promise<number> {
  const rules = await faults('GET');

  return rules.reduce((sum, rule) => sum + rule.remaining, 0);
}

/** Routes this customer's OrderCreated events on the shop bus to a new queue. */
async function watchOrderCreated(customerId: string): Promise<string> {
  const name = uniqueName('watch-order-created');
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const queueUrl = queue.QueueUrl as string;
  const pattern = {
    source: ['shop.orders'],
    'detail-type': ['OrderCreated'],
    detail: { data: { customerId: [customerId] } },
  };
  await events.send(
    new PutRuleCommand({ Name: name, EventBusName: busName, EventPattern: JSON.stringify(pattern) }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: name,
      EventBusName: busName,
      Targets: [{ Id: 'queue', Arn: await queueArn(sqs, queueUrl) }],
    }),
  );

  return queueUrl;
}

afterEach(async () => {
  await faults('DELETE');
});

describe('transactional outbox', () => {
  it('publishes OrderCreated once after PutEvents recovers', async () => {
    const customerId = uniqueName('outbox-customer');
    const queueUrl = await watchOrderCreated(customerId);
    const skus = (await api('/products')).body as { sku: string }[];
    const sku = skus[0]?.sku as string;
    const injected = 12;
    await faults('POST', { operation: 'PutEvents', count: injected });

    const created = await postOrder({
      customerId,
      items: [{ sku, quantity: 1 }],
      payment: { token: 'tok_visa' },
    });

    expect(created.status).toBe(201);
    await eventually(
      async () => ((await remainingPutEventsFaults()) < injected ? true : undefined),
      15_000,
      'the relay to hit the injected PutEvents failures',
    );
    const whileFailing = await eventually(async () => {
      const response = await api(`/orders/${created.body.orderId}`);

      return response.status === 200 ? response : undefined;
    }, 15_000, 'the order view');
    expect(whileFailing.body.status).toBe('PENDING');
    expect(await remainingPutEventsFaults()).toBeGreaterThan(0);
    const settled = await settledOrder(created.body.orderId, 60_000);
    expect(settled.status).toBe('CONFIRMED');
    expect(await remainingPutEventsFaults()).toBe(0);
    const delivered = await receiveMessages(sqs, queueUrl, 2, 3_000);
    expect(delivered).toHaveLength(1);
    expect(JSON.parse(delivered[0]?.Body ?? '{}').detail.data.orderId).toBe(created.body.orderId);
  });
});
