import { randomBytes } from 'node:crypto';
import { Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { GatewayConfig } from '../gateway.config';
import { AccessTokens, TOKEN_ALGORITHM } from './access-token';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginFailures } from './login-failures';
import { SessionRevocation } from './session-revocation.service';

/**
 * The configured secret, or (outside production, where config refuses its
 * absence) a random one for this process: never a constant anyone can read.
 */
function signingSecret(config: GatewayConfig): string {
  if (config.NEWSROOM_JWT_SECRET) return config.NEWSROOM_JWT_SECRET;
  new Logger('AuthModule').warn(
    'NEWSROOM_JWT_SECRET is not set: signing with a random secret made for this process. Tokens will not survive a restart, ' +
      'and gateway replicas will not accept each other\'s tokens: set NEWSROOM_JWT_SECRET (the same on every replica).',
  );
  return randomBytes(48).toString('base64');
}

@Module({
  imports: [
    JwtModule.registerAsync({
      global: true,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) => ({
        secret: signingSecret(config),
        signOptions: { expiresIn: config.NEWSROOM_TOKEN_TTL_SECONDS, algorithm: TOKEN_ALGORITHM },
        verifyOptions: { algorithms: [TOKEN_ALGORITHM] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, AccessTokens, SessionRevocation, LoginFailures, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccessTokens, SessionRevocation, LoginFailures],
})
export class AuthModule {}
