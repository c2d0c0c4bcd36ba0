import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { describe, expect, inject, it } from 'vitest';

import { postOrder, settledOrder } from '../support/http';

const lambda = new LambdaClient({
  region: inject('region'),
  endpoint: inject('lambdaEndpoint'),
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});

function sqsRecord(messageId: string, body: string) {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:shop-test-orders',
    awsRegion: 'us-east-1',
  };
}

/** Builds a PaymentAuthorized event for an order that is already confirmed, so it changes nothing. */
function duplicatePaymentAuthorized(orderId: string, amount: unknown) {
  const eventId = crypto.randomUUID();

  return {
    version: '0',
    id: eventId,
    'detail-type': 'PaymentAuthorized',
    source: 'shop.payments',
    account: '000000000000',
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'us-east-1',
    resources: [],
    detail: {
      metadata: {
        eventId,
        correlationId: crypto.randomUUID(),
        causationId: crypto.randomUUID(),
        occurredAt: new Date().toISOString(),
        schemaVersion: 1,
      },
      data: { orderId, paymentId: `pay_${eventId}`, amount },
    },
  };
}

describe('saga consumer with malformed records', () => {
  it('fails only the malformed records of a batch', async () => {
    const created = await postOrder({ customerId: 'c-malformed', items: [{ sku: 'MUG-01', quantity: 1 }], payment: { token: 'tok_ok' } });
    const order = await settledOrder(created.body.orderId);
    const valid = duplicatePaymentAuthorized(order.orderId, order.total);
    const missingData = { ...valid, id: crypto.randomUUID(), detail: { metadata: valid.detail.metadata } };
    const batch = {
      Records: [
        sqsRecord('valid', JSON.stringify(valid)),
        sqsRecord('not-json', '{"detail-type": '),
        sqsRecord('missing-data', JSON.stringify(missingData)),
      ],
    };

    const response = await lambda.send(
      new InvokeCommand({ FunctionName: 'shop-test-ordersSaga', Payload: Buffer.from(JSON.stringify(batch)) }),
    );

    expect(response.FunctionError).toBeUndefined();
    const payload = JSON.parse(Buffer.from(response.Payload ?? []).toString('utf8'));
    const failed = payload.batchItemFailures.map((failure: { itemIdentifier: string }) => failure.itemIdentifier);
    expect(failed.sort()).toEqual(['missing-data', 'not-json']);
  });

  it('keeps serving after a batch in which every record fails', async () => {
    const batch = { Records: [sqsRecord('broken-1', 'not json'), sqsRecord('broken-2', '[]')] };

    const response = await lambda.send(
      new InvokeCommand({ FunctionName: 'shop-test-ordersSaga', Payload: Buffer.from(JSON.stringify(batch)) }),
    );
    const created = await postOrder({ customerId: 'c-after', items: [{ sku: 'MUG-01', quantity: 1 }], payment: { token: 'tok_ok' } });

    const payload = JSON.parse(Buffer.from(response.Payload ?? []).toString('utf8'));
    expect(payload.batchItemFailures).toEqual([{ itemIdentifier: 'broken-1' }, { itemIdentifier: 'broken-2' }]);
    expect((await settledOrder(created.body.orderId)).status).toBe('CONFIRMED');
  });
});
