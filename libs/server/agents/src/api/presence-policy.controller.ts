import { Body, Controller, Get, Put } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PresencePolicy } from '@ccp/contracts';
import { ApiErrors, Roles } from '@ccp/server-platform';
import { DataSource } from 'typeorm';
import { PresencePolicyStore } from '../policy/presence-policy.store';
import { PresencePolicyDto } from './agent.dto';

@ApiTags('agents')
@ApiBearerAuth()
@ApiErrors(400, 401, 403)
@Controller('api/presence-policy')
export class PresencePolicyController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PresencePolicyStore,
  ) {}

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'How presence is kept consistent between LiveChat and RingCentral' })
  @ApiOkResponse({ type: PresencePolicyDto })
  get(): Promise<PresencePolicy> {
    return this.policies.get(this.dataSource.manager);
  }

  @Put()
  @Roles('admin')
  @ApiOkResponse({ type: PresencePolicyDto })
  put(@Body() body: PresencePolicyDto): Promise<PresencePolicy> {
    return this.policies.put(this.dataSource.manager, body);
  }
}
