import { ApiProperty } from '@nestjs/swagger';
import type { Announcement, CreateAnnouncementRequest } from '@ccp/contracts';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class CreateAnnouncementDto implements CreateAnnouncementRequest {
  @ApiProperty({ example: 'Queue is long: please wrap up non-urgent chats', maxLength: 500 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  text!: string;
}

export class AnnouncementDto implements Announcement {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  text!: string;

  @ApiProperty()
  authorId!: string;

  @ApiProperty()
  authorName!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}
