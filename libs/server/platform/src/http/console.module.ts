import { Controller, Get, Module, NotFoundException, Req, Res, type DynamicModule } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../auth/auth.decorators';

/** Paths the console's client-side router never owns: unknown ones there are real 404s. */
const SERVER_PREFIXES = ['/api/', '/webhooks/', '/docs', '/health', '/metrics', '/admin/', '/socket.io'];

export function consoleIndexExists(directory: string): boolean {
  return existsSync(join(directory, 'index.html'));
}

/**
 * Serves the built Angular console's index.html for every browser route (deep links like
 * /board reload correctly); its static assets are registered separately by @fastify/static.
 */
@ApiExcludeController()
@Controller()
class ConsoleController {
  @Public()
  @Get('*')
  index(@Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    if (SERVER_PREFIXES.some((prefix) => request.url.startsWith(prefix))) {
      throw new NotFoundException(`Cannot GET ${request.url.split('?')[0]}`);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  }
}

@Module({})
export class ConsoleModule {
  static register(directory: string): DynamicModule {
    return { module: ConsoleModule, controllers: consoleIndexExists(directory) ? [ConsoleController] : [] };
  }
}
