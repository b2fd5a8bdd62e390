export { createTestDatabase } from './test-database';
export { testEnvironment, databaseUrlFor } from './test-environment';
export { testConfig } from './test-config';
export { deleteRedisKeys, testRedisPrefix } from './redis-keys';
export { waitFor } from './wait-for';
export { HttpClient, type HttpResult } from './http-client';
export { RealtimeTestClient } from './realtime-client';
export { loginAs, startFeatureApi, startTestApi, type RunningApi } from './test-api';
export { DEMO_PASSWORD } from '@ccp/server-platform';
export { DisposableRedis } from './disposable-redis';
export { freePort } from './free-port';
export * from './vendor-payloads';
export {
  startFakeVendors,
  FakeVendors,
  type PathPattern,
  type ProgrammedFailure,
  type RequestListener,
} from './fake-vendors/fake-vendors';
export {
  fakeCallLogRecord,
  type FakeCallLogRecord,
  type FakePresence,
  type FakeSubscription,
} from './fake-vendors/fake-ringcentral';
export type { FakeResponse, FakeVendorCredentials, RecordedRequest } from './fake-vendors/fake-http';
export { startTestWorker } from './test-worker';
export { TcpProxy } from './tcp-proxy';
