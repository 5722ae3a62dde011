import { Module } from '@nestjs/common';
import { RubricsController } from './rubrics.controller';

@Module({ controllers: [RubricsController] })
export class RubricsModule {}
