import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, DomainException, uuidParam } from '@ccp/server-platform';
import { CustomerDetailDto, CustomerPageDto, CustomerQueryDto } from './customer.dto';
import { CustomerQueries } from './customer-queries';

@ApiTags('crm')
@ApiBearerAuth()
@ApiErrors(400, 401)
@Controller('api/customers')
export class CustomersController {
  constructor(private readonly queries: CustomerQueries) {}

  @Get()
  @ApiOperation({ summary: 'Customers, newest first, optionally searched' })
  @ApiOkResponse({ type: CustomerPageDto })
  list(@Query() query: CustomerQueryDto): Promise<CustomerPageDto> {
    return this.queries.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One customer with identities and conversation history' })
  @ApiOkResponse({ type: CustomerDetailDto })
  @ApiErrors(404)
  async get(@Param('id', uuidParam()) id: string): Promise<CustomerDetailDto> {
    const customer = await this.queries.get(id);
    if (!customer) throw new DomainException('NOT_FOUND', 'No customer with this id');
    return customer;
  }
}
