import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '../config/app-config';

/** Socket.IO with the configured CORS origins and small limits suited to event fan-out. */
export class RealtimeIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    return super.createIOServer(port, {
      ...options,
      path: options?.path ?? '/socket.io',
      cors:
        this.config.CORS_ORIGINS.length > 0
          ? { origin: this.config.CORS_ORIGINS, credentials: true }
          : undefined,
      maxHttpBufferSize: 64 * 1024,
      pingInterval: 20_000,
      pingTimeout: 20_000,
    } as ServerOptions) as Server;
  }
}
