import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Roles, uuidParam, type Principal } from '@ccp/server-platform';
import {
  AgentDto,
  AgentFieldsDto,
  AgentPageDto,
  AgentQueryDto,
  CreateAgentDto,
  SetAgentStatusDto,
} from './agent.dto';
import { AgentsService } from './agents.service';

@ApiTags('agents')
@ApiBearerAuth()
@ApiErrors(400, 401)
@Controller('api/agents')
export class AgentsController {
  constructor(private readonly agents: AgentsService) {}

  @Get()
  @ApiOperation({ summary: 'Agents with their presence, by name (filter by team and unified status)' })
  @ApiOkResponse({ type: AgentPageDto })
  list(@Query() query: AgentQueryDto): Promise<AgentPageDto> {
    return this.agents.list(query);
  }

  @Get('me')
  @ApiOperation({ summary: 'The agent linked to the signed-in user' })
  @ApiOkResponse({ type: AgentDto })
  @ApiErrors(404)
  me(@CurrentPrincipal() principal: Principal): Promise<AgentDto> {
    return this.agents.ofUser(principal.id);
  }

  @Get(':id')
  @ApiOkResponse({ type: AgentDto })
  @ApiErrors(404)
  get(@Param('id', uuidParam()) id: string): Promise<AgentDto> {
    return this.agents.get(id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Create an agent; vendor ids of an unmapped placeholder claim it, with its history',
  })
  @ApiCreatedResponse({ type: AgentDto })
  @ApiErrors(403, 409)
  create(@Body() body: CreateAgentDto): Promise<AgentDto> {
    return this.agents.create(body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Edit an agent or map a placeholder to a person' })
  @ApiOkResponse({ type: AgentDto })
  @ApiErrors(403, 404, 409)
  update(@Param('id', uuidParam()) id: string, @Body() body: AgentFieldsDto): Promise<AgentDto> {
    return this.agents.update(id, body);
  }

  @Patch(':id/status')
  @ApiOperation({
    summary:
      "Set an agent's own status (agents for themselves, supervisors for their team, admins for anyone)",
  })
  @ApiOkResponse({ type: AgentDto })
  @ApiErrors(403, 404)
  setStatus(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidParam()) id: string,
    @Body() body: SetAgentStatusDto,
  ): Promise<AgentDto> {
    return this.agents.setStatus(principal, id, body.status);
  }
}
