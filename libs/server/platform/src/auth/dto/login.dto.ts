import { ApiProperty } from '@nestjs/swagger';
import type { LoginRequest, LoginResponse, UserProfile } from '@ccp/contracts';
import { ROLES, type Role } from '@ccp/contracts';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'supervisor@demo.local' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'demo1234' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

export class UserProfileDto implements UserProfile {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: String, nullable: true })
  team!: string | null;
}

export class LoginResponseDto implements LoginResponse {
  @ApiProperty({ description: 'JWT to send as `Authorization: Bearer <token>`' })
  accessToken!: string;

  @ApiProperty({ description: 'Seconds until the token expires' })
  expiresIn!: number;

  @ApiProperty({ type: UserProfileDto })
  user!: UserProfileDto;
}
