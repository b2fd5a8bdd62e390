import { describe, expect, it } from 'vitest';
import { ConfigValidationError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('applies defaults for everything not set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.CORS_ORIGINS).toEqual([]);
  });

  it('converts types and splits lists', () => {
    const config = loadConfig({
      PORT: '8080',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      IGNORED: 'x',
    });
    expect(config.PORT).toBe(8080);
    expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
  });

  it('lists every invalid variable in one error', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigValidationError);
    const problems = (caught as ConfigValidationError).problems.join('\n');
    expect(problems).toContain('PORT');
    expect(problems).toContain('DATABASE_URL');
    expect(problems).toContain('LOG_LEVEL');
  });

  const production = {
    NODE_ENV: 'production',
    JWT_SECRET: 'x'.repeat(32),
    LIVECHAT_WEBHOOK_SECRETS: 'livechat-secret-1,livechat-secret-2',
    RINGCENTRAL_VERIFICATION_TOKEN: 'ringcentral-token',
  };

  it('requires a strong JWT_SECRET and the vendor secrets in production only', () => {
    expect(() => loadConfig({ ...production, JWT_SECRET: undefined })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ ...production, JWT_SECRET: 'short' })).toThrow(/at least 32/);
    expect(() => loadConfig({ ...production, LIVECHAT_WEBHOOK_SECRETS: undefined })).toThrow(
      /LIVECHAT_WEBHOOK_SECRETS/,
    );
    expect(() => loadConfig({ ...production, RINGCENTRAL_VERIFICATION_TOKEN: undefined })).toThrow(
      /RINGCENTRAL_VERIFICATION_TOKEN/,
    );
    const config = loadConfig(production);
    expect(config.JWT_SECRET).toHaveLength(32);
    expect(config.LIVECHAT_WEBHOOK_SECRETS).toEqual(['livechat-secret-1', 'livechat-secret-2']);
    expect(loadConfig({ NODE_ENV: 'development' }).JWT_SECRET).toBeUndefined();
  });
});
