import { DEMO_PASSWORD, DemoUsersSeeder } from '@ccp/server-platform';
import { loginAs, startTestApi, testConfig, type HttpClient, type RunningApi } from '@ccp/server-testing';
import type { ApiError, CreatedApiKey, LoginResponse, UserProfile } from '@ccp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiModule } from './api.module';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

describe('api over real HTTP', () => {
  let api: RunningApi;
  let admin: HttpClient;
  let agent: HttpClient;

  beforeAll(async () => {
    const config = testConfig({ METRICS_TOKEN, BODY_LIMIT_BYTES: '4096' });
    api = await startTestApi(ApiModule.forRoot(config), config);
    await api.app.get(DemoUsersSeeder).seedIfEmpty();
    admin = await loginAs(api.http, 'admin@demo.local', DEMO_PASSWORD);
    agent = await loginAs(api.http, 'agent@demo.local', DEMO_PASSWORD);
  });

  afterAll(() => api?.close());

  describe('health', () => {
    it('reports the database and Redis up, without authentication', async () => {
      const result = await api.http.get<{ status: string; info: Record<string, { status: string }> }>(
        '/health',
      );
      expect(result.status).toBe(200);
      expect(result.body.status).toBe('ok');
      expect(result.body.info['database']?.status).toBe('up');
      expect(result.body.info['redis']?.status).toBe('up');
    });
  });

  describe('auth', () => {
    it('logs in with the demo password and answers /me with the profile', async () => {
      const login = await api.http.post<LoginResponse>('/api/auth/login', {
        email: 'Supervisor@Demo.Local',
        password: DEMO_PASSWORD,
      });
      expect(login.status).toBe(200);
      expect(login.body.user).toMatchObject({
        email: 'supervisor@demo.local',
        role: 'supervisor',
        team: 'support',
      });
      const me = await api.http.withToken(login.body.accessToken).get<UserProfile>('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(login.body.user.id);
    });

    it('rejects a wrong password and an unknown email alike', async () => {
      for (const email of ['agent@demo.local', 'nobody@demo.local']) {
        const result = await api.http.post<ApiError>('/api/auth/login', {
          email,
          password: 'wrong-password',
        });
        expect(result.status).toBe(401);
        expect(result.body).toEqual({
          statusCode: 401,
          code: 'INVALID_CREDENTIALS',
          message: expect.any(String),
        });
      }
    });

    it('answers 401 JSON for missing, malformed and forged tokens', async () => {
      const forged =
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJlLWlzLXdyb25n';
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Basic abc' },
        { authorization: `Bearer ${forged}` },
      ];
      for (const headers of attempts) {
        const result = await api.http.get<ApiError>('/api/auth/me', headers);
        expect(result.status).toBe(401);
        expect(result.headers.get('content-type')).toContain('application/json');
        expect(result.body.code).toBe('UNAUTHORIZED');
      }
    });

    it('enforces roles with 403 FORBIDDEN', async () => {
      const result = await agent.post<ApiError>('/api/announcements', { text: 'hello' });
      expect(result.status).toBe(403);
      expect(result.body.code).toBe('FORBIDDEN');
    });
  });

  describe('API keys', () => {
    it('creates a key shown once, authenticates with it, lists it without the secret, and revokes it', async () => {
      const created = await admin.post<CreatedApiKey>('/api/api-keys', {
        name: 'CRM sync',
        role: 'supervisor',
      });
      expect(created.status).toBe(201);
      expect(created.body.key).toMatch(/^ccp_/);

      const viaBearer = await api.http.withToken(created.body.key).get<UserProfile>('/api/auth/me');
      expect(viaBearer.status).toBe(200);
      expect(viaBearer.body).toMatchObject({ name: 'CRM sync', role: 'supervisor' });
      const viaHeader = await api.http.get('/api/auth/me', { 'x-api-key': created.body.key });
      expect(viaHeader.status).toBe(200);

      const list = await admin.get<Record<string, unknown>[]>('/api/api-keys');
      const listed = list.body.find((key) => key['id'] === created.body.id);
      expect(listed).toBeDefined();
      expect(JSON.stringify(list.body)).not.toContain(created.body.key);

      expect((await admin.delete(`/api/api-keys/${created.body.id}`)).status).toBe(204);
      const afterRevoke = await api.http.withToken(created.body.key).get<ApiError>('/api/auth/me');
      expect(afterRevoke.status).toBe(401);
    });

    it('is admin-only', async () => {
      const result = await agent.post<ApiError>('/api/api-keys', { name: 'x', role: 'admin' });
      expect(result.status).toBe(403);
    });
  });

  describe('errors', () => {
    it('answers malformed JSON with 400 INVALID_JSON', async () => {
      const result = await api.http.request<ApiError>('POST', '/api/auth/login', { rawBody: '{"email": ' });
      expect(result.status).toBe(400);
      expect(result.body.code).toBe('INVALID_JSON');
    });

    it('answers unknown and invalid fields with 400 VALIDATION_FAILED and details', async () => {
      const result = await api.http.post<ApiError>('/api/auth/login', {
        email: 'not-an-email',
        password: 'x',
        admin: true,
      });
      expect(result.status).toBe(400);
      expect(result.body.code).toBe('VALIDATION_FAILED');
      const fields = result.body.details?.map((detail) => detail.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'admin']));
    });

    it('refuses text with NUL characters, which PostgreSQL cannot store, with 400 VALIDATION_FAILED', async () => {
      const refusals = [
        await admin.post<ApiError>('/api/announcements', { text: 'maintenance\u0000 tonight' }),
        await admin.post<ApiError>('/api/agents', { name: 'Ana\u0000', email: 'ana@example.com' }),
        await admin.get<ApiError>('/api/conversations?q=order%004411'),
        await admin.get<ApiError>('/api/customers?q=ken%00ji'),
      ];
      expect(
        refusals.map((result) => [result.status, result.body.code, result.body.details?.[0]?.field]),
      ).toEqual([
        [400, 'VALIDATION_FAILED', 'text'],
        [400, 'VALIDATION_FAILED', 'name'],
        [400, 'VALIDATION_FAILED', 'q'],
        [400, 'VALIDATION_FAILED', 'q'],
      ]);
    });

    it('answers a body that is not a JSON object, and an offset past any list, with 400 VALIDATION_FAILED', async () => {
      const refusals = [
        await admin.request<ApiError>('POST', '/api/agents', { rawBody: 'null' }),
        await admin.request<ApiError>('POST', '/api/agents', { rawBody: '[{"name":"Ana"}]' }),
        await admin.request<ApiError>('PUT', '/api/presence-policy', { rawBody: '"strict"' }),
        await admin.get<ApiError>('/api/conversations?offset=1e20'),
        await admin.get<ApiError>('/api/webhook-events?offset=99999999999'),
      ];
      expect(refusals.map((result) => [result.status, result.body.code])).toEqual(
        refusals.map(() => [400, 'VALIDATION_FAILED']),
      );
    });

    it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
      const result = await api.http.post<ApiError>('/api/auth/login', {
        email: 'a@b.c',
        password: 'x'.repeat(8_000),
      });
      expect(result.status).toBe(413);
      expect(result.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('answers unknown API routes with 404 NOT_FOUND and a non-UUID id with 400', async () => {
      const missing = await admin.get<ApiError>('/api/does-not-exist');
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('NOT_FOUND');
      const badId = await admin.delete<ApiError>('/api/api-keys/not-a-uuid');
      expect(badId.status).toBe(400);
      expect(badId.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('HTTP hygiene', () => {
    it('echoes the request id and sets security headers', async () => {
      const result = await api.http.get('/health', { 'x-request-id': 'trace-abc-123' });
      expect(result.headers.get('x-request-id')).toBe('trace-abc-123');
      expect(result.headers.get('x-content-type-options')).toBe('nosniff');
      expect(result.headers.get('content-security-policy')).toContain("default-src 'self'");
    });
  });

  describe('OpenAPI', () => {
    it('describes every route with its errors', async () => {
      const result = await api.http.get<{
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
        components: { schemas: Record<string, unknown> };
      }>('/docs-json');
      expect(result.status).toBe(200);
      const { paths, components } = result.body;
      expect(Object.keys(paths)).toEqual(
        expect.arrayContaining([
          '/api/auth/login',
          '/api/auth/me',
          '/api/api-keys',
          '/api/api-keys/{id}',
          '/api/announcements',
          '/health',
          '/metrics',
        ]),
      );
      expect(paths['/api/auth/login']?.['post']?.responses).toHaveProperty('401');
      expect(components.schemas).toHaveProperty('ApiErrorDto');
      expect(components.schemas).toHaveProperty('LoginDto');
      expect((await api.http.get('/docs')).status).toBe(200);
    });
  });

  describe('operations endpoints', () => {
    it('serves /metrics to admins and the metrics token only', async () => {
      expect((await api.http.get('/metrics')).status).toBe(401);
      expect((await agent.get('/metrics')).status).toBe(403);
      const viaAdmin = await admin.get('/metrics');
      expect(viaAdmin.status).toBe(200);
      expect(viaAdmin.text).toContain('ccp_http_requests_total');
      expect((await api.http.withToken(METRICS_TOKEN).get('/metrics')).status).toBe(200);
    });

    it('serves the queue dashboard to admins only', async () => {
      expect((await api.http.get('/admin/queues')).status).toBe(401);
      expect((await agent.get('/admin/queues')).status).toBe(403);
      const viaAdmin = await admin.get('/admin/queues');
      expect(viaAdmin.status).toBe(200);
      expect(viaAdmin.text).toContain('<html');
      const queues = await admin.get<{ queues: { name: string }[] }>('/admin/queues/api/queues');
      expect(queues.body.queues.map((queue) => queue.name)).toContain('maintenance');
    });
  });
});
