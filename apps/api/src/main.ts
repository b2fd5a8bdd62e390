import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApiApplication, publicUrlOf, readConfigFromEnvironment } from '@ccp/server-platform';
import { ApiModule } from './api.module';

async function bootstrap(): Promise<void> {
  const config = readConfigFromEnvironment();
  const app = await createApiApplication(ApiModule.forRoot(config), config);
  // A stuck shutdown must not keep a replica half-alive forever.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS).unref());
  }
  await app.listen({ port: config.PORT, host: config.HOST });
  const url = publicUrlOf(config);
  const logger = new Logger('Api');
  logger.log(`api listening on ${url} (console ${url}/, OpenAPI ${url}/docs, health ${url}/health)`);
}

bootstrap().catch((error: unknown) => {
  // Boot errors (invalid configuration, database unreachable) are printed plainly and end the process.
  process.stderr.write(`api failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
