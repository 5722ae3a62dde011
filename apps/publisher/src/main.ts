import 'reflect-metadata';
import { runWorkerApp } from '@newsroom/queue';
import { PublisherModule } from './publisher.module';

void runWorkerApp(PublisherModule, 'publisher');
