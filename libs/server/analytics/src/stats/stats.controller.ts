import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { PlatformStats } from '@ccp/contracts';
import { ApiErrors } from '@ccp/server-platform';
import { PlatformStatsQuery } from './platform-stats.query';

class PlatformStatsDto implements PlatformStats {
  @ApiProperty({ example: { total: 4, byStatus: { available: 2, offline: 2 }, unmapped: 1 } })
  agents!: PlatformStats['agents'];

  @ApiProperty({ example: { active: { chat: 3, call: 1 }, today: { chat: 40, call: 12 } } })
  conversations!: PlatformStats['conversations'];

  @ApiProperty({ example: { successRate: 0.98, succeeded: 490, failed: 10, skipped: 3 } })
  sync!: PlatformStats['sync'];

  @ApiProperty({ example: { perMinute: 120.5, dead: 0, failed: 2 } })
  webhooks!: PlatformStats['webhooks'];

  @ApiProperty({ format: 'date-time' })
  generatedAt!: string;
}

@ApiTags('analytics')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/stats')
export class StatsController {
  constructor(private readonly stats: PlatformStatsQuery) {}

  @Get()
  @ApiOperation({ summary: 'Agents by status, active and today’s conversations, sync success, webhook rate' })
  @ApiOkResponse({ type: PlatformStatsDto })
  current(): Promise<PlatformStats> {
    return this.stats.current();
  }
}
