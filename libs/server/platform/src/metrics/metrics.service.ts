import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One Prometheus registry per process; features add their metrics here so they are named in one place. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'ccp_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'ccp_http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly socketConnections = new Gauge({
    name: 'ccp_realtime_connections',
    help: 'Open Socket.IO connections on this instance',
    registers: [this.registry],
  });

  readonly realtimeEventsDelivered = new Counter({
    name: 'ccp_realtime_events_delivered_total',
    help: 'Realtime events received from Redis and emitted to local sockets',
    registers: [this.registry],
  });

  readonly webhooksReceived = new Counter({
    name: 'ccp_webhooks_received_total',
    help: 'Vendor webhooks by vendor and outcome (received, duplicate, ignored, invalid, unauthorized, unavailable)',
    labelNames: ['vendor', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly inboxStatementSize = new Histogram({
    name: 'ccp_webhook_inbox_statement_size',
    help: 'Webhooks stored per inbox statement (and commit): above 1 when webhooks arrive faster than one commit',
    buckets: [1, 2, 4, 8, 16, 32, 64, 100],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ccp_' });
  }
}
