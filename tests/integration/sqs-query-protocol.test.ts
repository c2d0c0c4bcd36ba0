import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';

import { localClients, uniqueName } from '../support/aws';

const { sqs } = localClients();

interface QueryResponse {
  status: number;
  xml: string;
}

/** Sends one SQS query protocol request, as older AWS CLI and SDK releases do. */
async function query(action: string, params: Record<string, string>): Promise<QueryResponse> {
  const body = new URLSearchParams({ Action: action, Version: '2012-11-05', ...params });
  const response = await fetch(inject('awsEndpoint'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });

  return { status: response.status, xml: await response.text() };
}

/** Returns the text of every `<name>` element, with the entities that the gateway writes decoded. */
function elements(xml: string, name: string): string[] {
  const pattern = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'g');

  return [...xml.matchAll(pattern)].map((match) =>
    (match[1] ?? '')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&#xD;', '\r')
      .replaceAll('&amp;', '&'),
  );
}

async function createQueue(attributes: Record<string, string> = {}): Promise<string> {
  const params: Record<string, string> = { QueueName: uniqueName('query') };
  Object.entries(attributes).forEach(([name, value], index) => {
    params[`Attribute.${index + 1}.Name`] = name;
    params[`Attribute.${index + 1}.Value`] = value;
  });
  const { xml } = await query('CreateQueue', params);

  return elements(xml, 'QueueUrl')[0] ?? '';
}

describe('SQS query protocol', () => {
  it('creates a queue with attributes', async () => {
    const queueUrl = await createQueue({ VisibilityTimeout: '45' });

    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['VisibilityTimeout'] }),
    );

    expect(queueUrl).toContain('/query-');
    expect(Attributes?.VisibilityTimeout).toBe('45');
  });

  it('returns queue attributes as entries', async () => {
    const queueUrl = await createQueue({ DelaySeconds: '2' });

    const { status, xml } = await query('GetQueueAttributes', {
      QueueUrl: queueUrl,
      'AttributeName.1': 'DelaySeconds',
      'AttributeName.2': 'QueueArn',
    });

    expect(status).toBe(200);
    expect(xml).toContain('<GetQueueAttributesResult>');
    expect(xml).toContain('<Attribute><Name>DelaySeconds</Name><Value>2</Value></Attribute>');
    expect(elements(xml, 'Name')).toContain('QueueArn');
  });

  it('sends a message with attributes', async () => {
    const queueUrl = await createQueue();
    const body = '{"text":"a <b> & \\"c\\""}';

    const sent = await query('SendMessage', {
      QueueUrl: queueUrl,
      MessageBody: body,
      'MessageAttribute.1.Name': 'kind',
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'probe',
    });
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageAttributeNames: ['All'], WaitTimeSeconds: 1 }),
    );
    const [message] = received.Messages ?? [];

    expect(sent.status).toBe(200);
    expect(elements(sent.xml, 'MessageId')[0]).toBe(message?.MessageId);
    expect(message?.Body).toBe(body);
    expect(message?.MessageAttributes?.kind?.StringValue).toBe('probe');
  });

  it('receives a message with escaped body and attributes', async () => {
    const queueUrl = await createQueue();
    const body = 'line <1> & "2"';
    await query('SendMessage', {
      QueueUrl: queueUrl,
      MessageBody: body,
      'MessageAttribute.1.Name': 'kind',
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'probe',
    });

    const { xml } = await query('ReceiveMessage', {
      QueueUrl: queueUrl,
      'AttributeName.1': 'All',
      'MessageAttributeName.1': 'All',
      WaitTimeSeconds: '1',
      MaxNumberOfMessages: '10',
    });

    expect(elements(xml, 'Message')).toHaveLength(1);
    expect(elements(xml, 'Body')).toEqual([body]);
    expect(elements(xml, 'ReceiptHandle')[0]).toBeTruthy();
    expect(xml).toContain('<Name>ApproximateReceiveCount</Name><Value>1</Value>');
    const [attribute = ''] = elements(xml, 'MessageAttribute');
    expect(elements(attribute, 'Name')).toEqual(['kind']);
    expect(elements(attribute, 'StringValue')).toEqual(['probe']);
    expect(elements(attribute, 'DataType')).toEqual(['String']);
  });

  it('sends a batch with flattened entries', async () => {
    const queueUrl = await createQueue();

    const { xml } = await query('SendMessageBatch', {
      QueueUrl: queueUrl,
      'SendMessageBatchRequestEntry.1.Id': 'first',
      'SendMessageBatchRequestEntry.1.MessageBody': 'one',
      'SendMessageBatchRequestEntry.2.Id': 'second',
      'SendMessageBatchRequestEntry.2.MessageBody': 'two',
    });

    expect(elements(xml, 'SendMessageBatchResultEntry')).toHaveLength(2);
    expect(elements(xml, 'Id')).toEqual(['first', 'second']);
  });

  it('lists queues by prefix', async () => {
    const queueUrl = await createQueue();
    const prefix = queueUrl.split('/').pop() ?? '';

    const { xml } = await query('ListQueues', { QueueNamePrefix: prefix });

    expect(elements(xml, 'QueueUrl')).toEqual([queueUrl]);
  });

  it('returns a missing queue as an XML error', async () => {
    const { status, xml } = await query('GetQueueUrl', { QueueName: uniqueName('missing') });

    expect(status).toBe(400);
    expect(elements(xml, 'Code')).toEqual(['AWS.SimpleQueueService.NonExistentQueue']);
    expect(elements(xml, 'Type')).toEqual(['Sender']);
    expect(elements(xml, 'Message')[0]).toContain('does not exist');
  });
});
