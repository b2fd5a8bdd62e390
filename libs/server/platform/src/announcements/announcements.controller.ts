import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../errors/api-error.dto';
import { Audience } from '../realtime/audience';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { AnnouncementDto, CreateAnnouncementDto } from './announcement.dto';

/** Supervisors broadcast a short message to everyone signed in; it travels as a realtime event. */
@ApiTags('realtime')
@ApiBearerAuth()
@Controller('api/announcements')
export class AnnouncementsController {
  constructor(private readonly publisher: RealtimePublisher) {}

  @Post()
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Broadcast an announcement (realtime event `announcement:created`)' })
  @ApiCreatedResponse({ type: AnnouncementDto })
  @ApiErrors(400, 401, 403)
  async create(
    @Body() body: CreateAnnouncementDto,
    @CurrentPrincipal() author: Principal,
  ): Promise<AnnouncementDto> {
    const announcement: AnnouncementDto = {
      id: randomUUID(),
      text: body.text,
      authorId: author.id,
      authorName: author.name,
      createdAt: new Date().toISOString(),
    };
    await this.publisher.publish('announcement:created', announcement, [Audience.everyone]);
    return announcement;
  }
}
