import { Module } from '@nestjs/common';
import { PreviewLinksController } from './preview-links.controller';
import { PreviewLinks } from './preview-links.service';

/** Secret preview links of articles in the making (the readers' site shows them). */
@Module({ controllers: [PreviewLinksController], providers: [PreviewLinks] })
export class PreviewLinksModule {}
