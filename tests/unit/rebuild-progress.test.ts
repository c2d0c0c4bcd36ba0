import { describe, expect, it } from 'vitest';
import { renderProgress } from '../../scripts/rebuild-views';

describe('rebuild progress bar', () => {
  it('renders a half-done bar', () => {
    expect(renderProgress('orders', 5, 10, 10)).toBe('orders [#####-----]  50% 5/10');
  });

  it('renders an empty rebuild as done', () => {
    expect(renderProgress('stock', 0, 0, 4)).toBe('stock [####] 100% 0/0');
  });
});
