import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Creates the Powertools logger. It reads the service name from
 * POWERTOOLS_SERVICE_NAME and the level from POWERTOOLS_LOG_LEVEL or LOG_LEVEL.
 */
export function createLogger(): Logger {
  return new Logger();
}
