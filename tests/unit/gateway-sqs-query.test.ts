import { describe, expect, it } from 'vitest';

import { jsonToQueryResponse, queryToJsonRequest } from '../../local/gateway/sqs-query';

function request(params: Record<string, string>): Record<string, unknown> {
  return queryToJsonRequest(new URLSearchParams(params));
}

describe('SQS query to JSON request', () => {
  it('drops Action and Version', () => {
    const json = request({ Action: 'GetQueueUrl', Version: '2012-11-05', QueueName: 'q' });

    expect(json).toEqual({ QueueName: 'q' });
  });

  it('converts flattened maps in index order', () => {
    const json = request({
      Action: 'CreateQueue',
      QueueName: 'q',
      'Attribute.2.Name': 'DelaySeconds',
      'Attribute.2.Value': '5',
      'Attribute.1.Name': 'VisibilityTimeout',
      'Attribute.1.Value': '30',
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'shop',
    });

    expect(json.Attributes).toEqual({ VisibilityTimeout: '30', DelaySeconds: '5' });
    expect(json.tags).toEqual({ team: 'shop' });
  });

  it('names TagQueue tags Tags', () => {
    const json = request({ Action: 'TagQueue', QueueUrl: 'u', 'Tags.1.Key': 'a', 'Tags.1.Value': 'b' });

    expect(json.Tags).toEqual({ a: 'b' });
    expect(json.tags).toBeUndefined();
  });

  it('converts lists and integers', () => {
    const json = request({
      Action: 'ReceiveMessage',
      QueueUrl: 'u',
      'AttributeName.1': 'All',
      'MessageAttributeName.1': 'kind',
      'MessageAttributeName.2': 'trace',
      MaxNumberOfMessages: '10',
      WaitTimeSeconds: '2',
    });

    expect(json.AttributeNames).toEqual(['All']);
    expect(json.MessageAttributeNames).toEqual(['kind', 'trace']);
    expect(json.MaxNumberOfMessages).toBe(10);
    expect(json.WaitTimeSeconds).toBe(2);
  });

  it('converts batch entries with message attributes', () => {
    const json = request({
      Action: 'SendMessageBatch',
      QueueUrl: 'u',
      'SendMessageBatchRequestEntry.1.Id': 'a',
      'SendMessageBatchRequestEntry.1.MessageBody': 'one',
      'SendMessageBatchRequestEntry.1.DelaySeconds': '3',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Name': 'kind',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType': 'String',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue': 'probe',
    });

    expect(json.Entries).toEqual([
      {
        Id: 'a',
        MessageBody: 'one',
        DelaySeconds: 3,
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'probe' } },
      },
    ]);
  });
});

describe('SQS JSON result to query response', () => {
  it('wraps the result and request id', () => {
    const xml = jsonToQueryResponse('GetQueueUrl', { QueueUrl: 'http://h/1/q' }, 'r-1');

    expect(xml).toContain('<GetQueueUrlResult><QueueUrl>http://h/1/q</QueueUrl></GetQueueUrlResult>');
    expect(xml).toContain('<RequestId>r-1</RequestId>');
  });

  it('names batch result entries after the action', () => {
    const result = { Successful: [{ Id: 'a' }], Failed: [{ Id: 'b', SenderFault: true, Code: 'X', Message: 'm' }] };

    const xml = jsonToQueryResponse('DeleteMessageBatch', result, 'r');

    expect(xml).toContain('<DeleteMessageBatchResultEntry><Id>a</Id></DeleteMessageBatchResultEntry>');
    expect(xml).toContain('<BatchResultErrorEntry><Id>b</Id><SenderFault>true</SenderFault>');
  });

  it('escapes text', () => {
    const xml = jsonToQueryResponse('ReceiveMessage', { Messages: [{ Body: '<a & "b">\r' }] }, 'r');

    expect(xml).toContain('<Message><Body>&lt;a &amp; &quot;b&quot;&gt;&#xD;</Body></Message>');
  });
});
