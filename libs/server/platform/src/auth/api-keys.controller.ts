import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '../errors/api-error.dto';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal, Roles } from './auth.decorators';
import { ApiKeySummaryDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import type { Principal } from './principal';

@ApiTags('auth')
@ApiBearerAuth()
@Roles('admin')
@ApiErrors(401, 403)
@Controller('api/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key for a REST client; the key is shown only in this response' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiErrors(400)
  create(@Body() body: CreateApiKeyDto, @CurrentPrincipal() principal: Principal): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(body.name, body.role, principal);
  }

  @Get()
  @ApiOperation({ summary: 'List API keys (without secrets)' })
  @ApiOkResponse({ type: [ApiKeySummaryDto] })
  list(): Promise<ApiKeySummaryDto[]> {
    return this.apiKeys.list();
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key' })
  @ApiNoContentResponse()
  @ApiErrors(400, 404)
  revoke(@Param('id', uuidParam()) id: string): Promise<void> {
    return this.apiKeys.revoke(id);
  }
}
