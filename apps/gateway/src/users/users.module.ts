import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { ChangeAccount } from './change-account.use-case';
import { ChangeOwnPassword } from './change-own-password.use-case';

@Module({ imports: [AuthModule], controllers: [UsersController], providers: [UsersService, ChangeAccount, ChangeOwnPassword], exports: [UsersService] })
export class UsersModule {}
