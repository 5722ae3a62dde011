import { Module } from '@nestjs/common';
import { AssetsController } from './assets.controller';

/** What the readers' site and the staff desk share: their CSS and scripts. */
@Module({ controllers: [AssetsController] })
export class UiModule {}
