import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppConfig, jwtSecretOf } from '../config/app-config';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DemoUsersSeeder } from './demo-users.seeder';
import { PasswordHasher } from './password.hasher';
import { UsersRepository } from './users.repository';

const jwtModule = JwtModule.registerAsync({
  inject: [AppConfig],
  useFactory: (config: AppConfig) => ({
    // As a key object: given a string, jsonwebtoken first tries to parse it as a PEM public key on
    // every verify and only then makes a secret key of it, which measured 1.3 ms of CPU per
    // request and socket handshake against 0.05 ms.
    secret: createSecretKey(Buffer.from(jwtSecretOf(config))),
    signOptions: { expiresIn: config.JWT_TTL_SECONDS, algorithm: 'HS256' },
    verifyOptions: { algorithms: ['HS256'] },
  }),
});

/** Users, passwords, tokens and API keys: the services, without HTTP. The worker uses this. */
@Module({
  imports: [jwtModule],
  providers: [
    AuthService,
    ApiKeysService,
    UsersRepository,
    ApiKeysRepository,
    PasswordHasher,
    DemoUsersSeeder,
  ],
  exports: [AuthService, ApiKeysService, DemoUsersSeeder],
})
export class AuthCoreModule {}

/** The HTTP side: login, me, API keys, and the global guard. */
@Module({
  imports: [AuthCoreModule],
  controllers: [AuthController, ApiKeysController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
