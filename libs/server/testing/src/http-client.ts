export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A thin fetch wrapper for tests that talk to the real HTTP server. */
export class HttpClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  withToken(token: string): HttpClient {
    return new HttpClient(this.baseUrl, token);
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: { json?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.rawBody !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = options.rawBody;
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (e.g. Prometheus text); the raw text is the body.
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = unknown>(path: string, headers?: Record<string, string>): Promise<HttpResult<T>> {
    return this.request<T>('GET', path, headers ? { headers } : {});
  }

  post<T = unknown>(path: string, json?: unknown): Promise<HttpResult<T>> {
    return this.request<T>('POST', path, json === undefined ? {} : { json });
  }

  put<T = unknown>(path: string, json: unknown): Promise<HttpResult<T>> {
    return this.request<T>('PUT', path, { json });
  }

  patch<T = unknown>(path: string, json: unknown): Promise<HttpResult<T>> {
    return this.request<T>('PATCH', path, { json });
  }

  delete<T = unknown>(path: string): Promise<HttpResult<T>> {
    return this.request<T>('DELETE', path);
  }
}
