import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { SYNC_LOG_STATUSES, type Page, type SyncLog, type SyncLogStatus } from '@ccp/contracts';
import { Expose } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../errors/api-error.dto';
import { PageQueryDto } from '../http/page-query.dto';
import { SyncLogsRepository } from './sync-logs.repository';

export class SyncLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SYNC_LOG_STATUSES })
  @IsOptional()
  @IsIn(SYNC_LOG_STATUSES)
  status?: SyncLogStatus;

  @ApiPropertyOptional({ name: 'operation_type', example: 'webhook.process' })
  @Expose({ name: 'operation_type' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  operationType?: string;
}

class SyncLogDto implements SyncLog {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() operationType!: string;
  @ApiProperty({ enum: SYNC_LOG_STATUSES }) status!: SyncLogStatus;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) references!: Record<
    string,
    string
  >;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

class SyncLogPageDto implements Page<SyncLog> {
  @ApiProperty({ type: [SyncLogDto] }) items!: SyncLogDto[];
  @ApiProperty() total!: number;
}

@ApiTags('operations')
@ApiBearerAuth()
@Roles('admin', 'supervisor')
@Controller('api/sync-logs')
export class SyncLogsController {
  constructor(private readonly syncLogs: SyncLogsRepository) {}

  @Get()
  @ApiOperation({ summary: 'Processing steps and outbound vendor calls, newest first' })
  @ApiOkResponse({ type: SyncLogPageDto })
  @ApiErrors(400, 401, 403)
  list(@Query() query: SyncLogQueryDto): Promise<SyncLogPageDto> {
    return this.syncLogs.list(query);
  }
}
