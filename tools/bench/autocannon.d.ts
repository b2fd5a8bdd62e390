/**
 * The part of autocannon 8 the ingestion bench uses; the package ships no types. Shapes follow
 * autocannon's README and lib/aggregateResult.js.
 */
declare module 'autocannon' {
  interface AutocannonRequest {
    method?: 'GET' | 'POST';
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    /** Called before every request; what it returns is sent. */
    setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
  }

  interface AutocannonOptions {
    url: string;
    connections: number;
    /** Seconds. */
    duration: number;
    /** Seconds. */
    timeout?: number;
    requests: AutocannonRequest[];
  }

  interface AutocannonResult {
    /** Seconds. */
    duration: number;
    /** Whole milliseconds: autocannon's histogram does not resolve below 1 ms. */
    latency: { p50: number; p99: number; p99_9: number };
    /** Connection errors and timeouts. */
    errors: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
  }

  /** The returned tracker is also a thenable of the result. */
  function autocannon(options: AutocannonOptions): PromiseLike<AutocannonResult>;

  export default autocannon;
}
