import { ConfigError } from './errors';

/** Environment variables that the functions read. */
export type EnvironmentVariable =
  | 'ORDERS_TABLE'
  | 'PRODUCTS_TABLE'
  | 'INVENTORY_TABLE'
  | 'ORDER_VIEWS_TABLE'
  | 'CUSTOMER_ORDERS_TABLE'
  | 'PAYMENTS_TABLE'
  | 'NOTIFICATIONS_TABLE'
  | 'EVENT_BUS_NAME';

/**
 * Reads the named environment variables. Call it at module scope so that a missing
 * variable fails the cold start instead of the first request.
 *
 * @throws ConfigError naming the first variable that is missing or empty.
 */
export function readConfig<Name extends EnvironmentVariable>(
  names: readonly Name[],
  env: NodeJS.ProcessEnv = process.env,
): Record<Name, string> {
  const config = {} as Record<Name, string>;
  for (const name of names) {
    const value = env[name]?.trim();
    if (!value) {
      throw new ConfigError(
        `Missing environment variable ${name}: set it in the function configuration`,
        name,
      );
    }
    config[name] = value;
  }

  return config;
}
