import { Controller, Get, Header, Headers } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/auth.decorators';
import { bearerOf } from '../auth/auth.guard';
import { AuthService } from '../auth/auth.service';
import { AppConfig } from '../config/app-config';
import { ApiErrors } from '../errors/api-error.dto';
import { DomainException } from '../errors/domain.exception';
import { MetricsService } from './metrics.service';

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  /** Public at the guard level because a scraper's METRICS_TOKEN is not a user credential; checked here. */
  @Public()
  @Get()
  @ApiBearerAuth()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics (admin token, admin API key, or METRICS_TOKEN)' })
  @ApiOkResponse({ description: 'Prometheus text exposition format', schema: { type: 'string' } })
  @ApiErrors(401, 403)
  async scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    const credential = bearerOf(authorization);
    const token = this.config.METRICS_TOKEN;
    if (!(token && credential && sameSecret(credential, token))) {
      const principal = await this.auth.authenticate(credential);
      if (principal.role !== 'admin') throw new DomainException('FORBIDDEN', 'Metrics are for admins');
    }
    return this.metrics.registry.metrics();
  }
}
