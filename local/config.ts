/** Settings of the local AWS runtime, read from the environment with defaults. */
export interface LocalConfig {
  host: '127.0.0.1';
  region: string;
  accountId: string;
  /** Port of the single AWS endpoint (EventBridge, SQS, DynamoDB); LocalStack's default. */
  awsPort: number;
  /** Port of the HTTP API served by serverless-offline. */
  httpPort: number;
  /** Port of serverless-offline's Lambda Invoke API. */
  lambdaPort: number;
  stage: string;
  /** Folder for state kept across restarts. */
  dataDir: string;
  /**
   * Keeps DynamoDB tables and stream positions in `dataDir`, so a restart keeps orders and
   * stock consistent with the archive. Off for throwaway stacks, which run in memory.
   */
  persistTables: boolean;
}

export function readPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`Invalid ${name} "${raw}": expected a TCP port from 0 to 65535.`);
  }

  return port;
}

export function readLocalConfig(): LocalConfig {
  return {
    host: '127.0.0.1',
    region: process.env.AWS_REGION ?? 'us-east-1',
    accountId: '000000000000',
    awsPort: readPort('LOCAL_AWS_PORT', 4566),
    httpPort: readPort('HTTP_PORT', 3000),
    lambdaPort: readPort('LAMBDA_PORT', 3002),
    stage: process.env.STAGE ?? 'dev',
    dataDir: process.env.LOCAL_DATA_DIR ?? '.local-data',
    persistTables: process.env.LOCAL_PERSIST !== 'false',
  };
}
