import { ApiPlatformModule, createApiApplication, type AppConfig } from '@ccp/server-platform';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DynamicModule, ModuleMetadata } from '@nestjs/common';
import { HttpClient } from './http-client';

export interface RunningApi {
  app: NestFastifyApplication;
  baseUrl: string;
  http: HttpClient;
  close: () => Promise<void>;
}

/** Boots the real api (Fastify, Socket.IO, guards, filters) on a random local port. */
export async function startTestApi(rootModule: DynamicModule, config: AppConfig): Promise<RunningApi> {
  const app = await createApiApplication(rootModule, config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('api did not bind a TCP port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return { app, baseUrl, http: new HttpClient(baseUrl), close: () => app.close() };
}

/** The api with the platform and only the given feature modules, for a test of one feature. */
export function startFeatureApi(
  config: AppConfig,
  features: ModuleMetadata['imports'] = [],
): Promise<RunningApi> {
  class FeatureTestApi {}
  return startTestApi(
    { module: FeatureTestApi, imports: [ApiPlatformModule.forRoot(config), ...features] },
    config,
  );
}

export async function loginAs(http: HttpClient, email: string, password: string): Promise<HttpClient> {
  const result = await http.post<{ accessToken: string }>('/api/auth/login', { email, password });
  if (result.status !== 200) throw new Error(`login as ${email} failed: ${result.status} ${result.text}`);
  return http.withToken(result.body.accessToken);
}
