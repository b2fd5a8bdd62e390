export { createTestDatabase } from './test-database';
export { testEnvironment, databaseUrlFor } from './test-environment';
export { testConfig } from './test-config';
export { waitFor } from './wait-for';
export { HttpClient, type HttpResult } from './http-client';
export { RealtimeTestClient } from './realtime-client';
export { loginAs, startTestApi, type RunningApi } from './test-api';
export { DEMO_PASSWORD } from '@ccp/server-platform';
export { DisposableRedis } from './disposable-redis';
