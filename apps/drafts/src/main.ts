import 'reflect-metadata';
import { runWorkerApp } from '@newsroom/queue';
import { DraftsModule } from './drafts.module';

void runWorkerApp(DraftsModule, 'drafts');
