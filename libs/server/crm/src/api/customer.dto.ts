import {
  CUSTOMER_IDENTITY_KINDS,
  type Customer,
  type CustomerDetail,
  type CustomerIdentity,
  type CustomerIdentityKind,
} from '@ccp/contracts';
import { ConversationDto } from '@ccp/server-conversations';
import { PageQueryDto } from '@ccp/server-platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CustomerQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of a name, email, phone number or vendor id' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q?: string;
}

export class CustomerIdentityDto implements CustomerIdentity {
  @ApiProperty({ enum: CUSTOMER_IDENTITY_KINDS }) kind!: CustomerIdentityKind;
  @ApiProperty() value!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CustomerDto implements Customer {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ type: [String] }) emails!: string[];
  @ApiProperty({ type: [String], description: 'E.164' }) phones!: string[];
  @ApiProperty({ type: [CustomerIdentityDto] }) identities!: CustomerIdentityDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) attributes!: Record<
    string,
    string
  >;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CustomerDetailDto extends CustomerDto implements CustomerDetail {
  @ApiProperty({ type: [ConversationDto] }) conversations!: ConversationDto[];
}

export class CustomerPageDto {
  @ApiProperty({ type: [CustomerDto] }) items!: CustomerDto[];
  @ApiProperty() total!: number;
}
