import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';

/** One record of the event Lambda receives from an SQS event source mapping. */
export interface SqsLambdaRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, SqsLambdaMessageAttribute>;
  md5OfBody: string;
  md5OfMessageAttributes?: string;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

export interface SqsLambdaMessageAttribute {
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
  dataType: string;
}

function toLambdaAttribute(value: MessageAttributeValue): SqsLambdaMessageAttribute {
  const attribute: SqsLambdaMessageAttribute = {
    stringListValues: value.StringListValues ?? [],
    binaryListValues: (value.BinaryListValues ?? []).map((item) => Buffer.from(item).toString('base64')),
    dataType: value.DataType ?? 'String',
  };
  if (value.StringValue !== undefined) {
    attribute.stringValue = value.StringValue;
  }
  if (value.BinaryValue !== undefined) {
    attribute.binaryValue = Buffer.from(value.BinaryValue).toString('base64');
  }

  return attribute;
}

const systemAttributeNames = [
  'ApproximateReceiveCount',
  'SentTimestamp',
  'SenderId',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageGroupId',
  'MessageDeduplicationId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
];

/** Builds the Lambda record for a received message, with the keys and types AWS sends. */
export function toLambdaRecord(message: Message, queueArn: string, region: string): SqsLambdaRecord {
  const attributes: Record<string, string> = {};
  for (const name of systemAttributeNames) {
    const value = message.Attributes?.[name as keyof typeof message.Attributes];
    if (value !== undefined) {
      attributes[name] = value;
    }
  }
  const messageAttributes = Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, toLambdaAttribute(value)]),
  );
  const record: SqsLambdaRecord = {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes,
    messageAttributes,
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
  if (message.MD5OfMessageAttributes) {
    record.md5OfMessageAttributes = message.MD5OfMessageAttributes;
  }

  return record;
}
