import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, DomainException, PageQueryDto, uuidParam } from '@ccp/server-platform';
import { ConversationDetailDto, ConversationPageDto, MessagePageDto } from './conversation.dto';
import { ConversationQueries } from './conversation-queries';
import { ConversationQueryDto } from './conversation-query.dto';

@ApiTags('conversations')
@ApiBearerAuth()
@ApiErrors(400, 401)
@Controller('api/conversations')
export class ConversationsController {
  constructor(private readonly queries: ConversationQueries) {}

  @Get()
  @ApiOperation({ summary: 'Chats and calls, newest first, filtered' })
  @ApiOkResponse({ type: ConversationPageDto })
  list(@Query() query: ConversationQueryDto): Promise<ConversationPageDto> {
    return this.queries.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One conversation; calls include their parties and status timeline' })
  @ApiOkResponse({ type: ConversationDetailDto })
  @ApiErrors(404)
  async get(@Param('id', uuidParam()) id: string): Promise<ConversationDetailDto> {
    const conversation = await this.queries.get(id);
    if (!conversation) throw new DomainException('NOT_FOUND', 'No conversation with this id');
    return conversation;
  }

  @Get(':id/messages')
  @ApiOperation({ summary: "A conversation's messages and system entries, oldest first" })
  @ApiOkResponse({ type: MessagePageDto })
  @ApiErrors(404)
  async messages(@Param('id', uuidParam()) id: string, @Query() page: PageQueryDto): Promise<MessagePageDto> {
    if (!(await this.queries.exists(id)))
      throw new DomainException('NOT_FOUND', 'No conversation with this id');
    return this.queries.messages(id, page);
  }
}
