import { describe, expect, it } from 'vitest';
import { readConfig } from '../../lib/config';
import { ConfigError } from '../../lib/errors';

describe('readConfig', () => {
  it('returns the named variables', () => {
    const env = { ORDERS_TABLE: 'orders', EVENT_BUS_NAME: 'bus' };

    expect(readConfig(['ORDERS_TABLE', 'EVENT_BUS_NAME'], env)).toEqual(env);
  });

  it('names a missing variable', () => {
    const names = ['ORDERS_TABLE', 'EVENT_BUS_NAME'] as const;

    expect(() => readConfig(names, { ORDERS_TABLE: 'x' })).toThrow(
      'Missing environment variable EVENT_BUS_NAME',
    );
  });

  it('treats a blank variable as missing', () => {
    expect(() => readConfig(['PAYMENTS_TABLE'], { PAYMENTS_TABLE: ' ' })).toThrow(ConfigError);
  });
});
