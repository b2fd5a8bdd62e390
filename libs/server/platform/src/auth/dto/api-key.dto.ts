import { ApiProperty } from '@nestjs/swagger';
import type { ApiKeySummary, CreateApiKeyRequest, CreatedApiKey } from '@ccp/contracts';
import { ROLES, type Role } from '@ccp/contracts';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateApiKeyDto implements CreateApiKeyRequest {
  @ApiProperty({ example: 'CRM sync' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: ROLES, description: 'The role the key acts with' })
  @IsIn(ROLES)
  role!: Role;
}

export class ApiKeySummaryDto implements ApiKeySummary {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ example: 'ccp_Ab12Cd' })
  prefix!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt!: string | null;
}

export class CreatedApiKeyDto extends ApiKeySummaryDto implements CreatedApiKey {
  @ApiProperty({ description: 'The key itself. Shown only in this response; store it now.' })
  key!: string;
}
