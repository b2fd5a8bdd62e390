import { Module } from '@nestjs/common';
import { PlatformStatsQuery } from './stats/platform-stats.query';
import { StatsController } from './stats/stats.controller';

@Module({ controllers: [StatsController], providers: [PlatformStatsQuery] })
export class AnalyticsModule {}
