import { CreateQueueCommand, GetQueueUrlCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';

import { uniqueName } from '../support/aws';

describe('SQS queue URLs', () => {
  it('point at the local endpoint and work from AWS_ENDPOINT_URL alone', async () => {
    const endpoint = inject('awsEndpoint');
    process.env.AWS_ENDPOINT_URL = endpoint;
    const sqs = new SQSClient({ region: inject('region'), credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const name = uniqueName('urls');

    const created = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const looked = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    await sqs.send(new SendMessageCommand({ QueueUrl: looked.QueueUrl, MessageBody: 'via url' }));
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: looked.QueueUrl, WaitTimeSeconds: 2 }));

    expect(created.QueueUrl).toBe(`${endpoint}/000000000000/${name}`);
    expect(looked.QueueUrl).toBe(created.QueueUrl);
    expect(received.Messages?.[0]?.Body).toBe('via url');
  });
});
