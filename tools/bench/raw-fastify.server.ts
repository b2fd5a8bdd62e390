import Fastify from 'fastify';
import { LIVECHAT_WEBHOOK_PATH } from './livechat-webhook.body';

/**
 * The HTTP ceiling of the box: Fastify alone, no logging, no Nest, no database. It parses the same
 * JSON body the api gets and answers what the api answers, so the ratio to it shows what the
 * platform's own work costs. Started by ingest.bench as a child process on PORT.
 */
const port = Number(process.env['PORT']);
const server = Fastify({ bodyLimit: 1024 * 1024 });

server.get('/health', async () => ({ status: 'ok' }));
server.post(LIVECHAT_WEBHOOK_PATH, async (request) => {
  if (typeof request.body !== 'object' || request.body === null) throw new Error('expected a JSON object');
  return { ok: true };
});

process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});

server.listen({ port, host: '127.0.0.1' }).catch((error: unknown) => {
  process.stderr.write(`raw Fastify baseline failed to start: ${String(error)}\n`);
  process.exit(1);
});
