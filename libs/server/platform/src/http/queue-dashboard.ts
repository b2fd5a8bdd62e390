import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bearerOf } from '../auth/auth.guard';
import type { AuthService } from '../auth/auth.service';
import { toApiError } from '../errors/api-error.mapper';
import { DomainException } from '../errors/domain.exception';
import type { JobQueue } from '../queue/job-queue.service';
import { QUEUE_NAMES } from '../queue/queue.registry';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** Set at login for admins, scoped to /admin, so a browser can open the dashboard directly. */
export const ADMIN_COOKIE = 'ccp_admin';

function adminCookieOf(request: FastifyRequest): string | undefined {
  const cookies = request.headers.cookie?.split(';').map((part) => part.trim()) ?? [];
  const match = cookies.find((cookie) => cookie.startsWith(`${ADMIN_COOKIE}=`));
  return match?.slice(ADMIN_COOKIE.length + 1);
}

/** Bull Board at /admin/queues, for admins only (bearer token, admin API key or the admin cookie). */
export async function registerQueueDashboard(
  fastify: FastifyInstance,
  jobs: JobQueue,
  auth: AuthService,
): Promise<void> {
  const serverAdapter = new BullBoardAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: QUEUE_NAMES.map((name) => new BullMQAdapter(jobs.queue(name))), serverAdapter });
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        try {
          const principal = await auth.authenticate(
            bearerOf(request.headers.authorization) ?? adminCookieOf(request),
          );
          if (principal.role !== 'admin')
            throw new DomainException('FORBIDDEN', 'The queue dashboard is for admins');
        } catch (error) {
          const body = toApiError(error);
          return reply.status(body.statusCode).send(body);
        }
        return undefined;
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}
