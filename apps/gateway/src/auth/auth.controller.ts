import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { RateLimit } from '../rate-limit/rate-limit.module';
import { RateLimited } from '../rate-limit/rate-limited.decorator';
import type { AuthSession } from './auth-session';
import { CurrentSession, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { LoginResponse } from './dto/login.response';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @RateLimited(RateLimit.Login)
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'wrong email or password' })
  @ApiTooManyRequestsResponse({
    description: 'too many attempts from this address, or too many failed logins for this account within 15 minutes (any address, even with the right password); see Retry-After',
  })
  @ApiServiceUnavailableResponse({ description: 'Redis is away: logins cannot be counted; see Retry-After' })
  login(@Body() dto: LoginDto): Promise<LoginResponse> {
    return this.auth.login(dto.email, dto.password);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'the token is dead at once, on every gateway replica' })
  @ApiUnauthorizedResponse({ description: 'no token, or one that is invalid, expired or already logged out' })
  @ApiServiceUnavailableResponse({ description: 'Redis is away: sessions cannot be checked or ended; see Retry-After' })
  logout(@CurrentSession() session: AuthSession): Promise<void> {
    return this.auth.logout(session);
  }
}
