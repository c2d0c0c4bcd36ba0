import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';

import type { Invoke } from './poller';

/** Invokes functions through a Lambda Invoke API, such as serverless-offline's. */
export function createLambdaInvoker(lambda: LambdaClient): Invoke {
  return async (functionName, event) => {
    const response = await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'RequestResponse',
        Payload: Buffer.from(JSON.stringify(event)),
      }),
    );
    const text = response.Payload ? Buffer.from(response.Payload).toString('utf8') : '';
    let payload: unknown = null;
    if (text !== '') {
      try {
        payload = JSON.parse(text);
      } catch {
        payload = text;
      }
    }
    if (response.FunctionError) {
      const error = (payload ?? {}) as { errorType?: string; errorMessage?: string };

      return {
        ok: false,
        errorType: error.errorType ?? response.FunctionError,
        errorMessage: error.errorMessage ?? text,
      };
    }

    return { ok: true, payload };
  };
}
