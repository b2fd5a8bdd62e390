import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../errors/api-error.dto';
import { CurrentPrincipal, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto, UserProfileDto } from './dto/login.dto';
import type { Principal } from './principal';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a JWT' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401)
  login(@Body() body: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(body.email, body.password);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserProfileDto })
  @ApiErrors(401)
  me(@CurrentPrincipal() principal: Principal): Promise<UserProfileDto> {
    return this.auth.profile(principal);
  }
}
