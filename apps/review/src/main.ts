import 'reflect-metadata';
import { runWorkerApp } from '@newsroom/queue';
import { ReviewModule } from './review.module';

void runWorkerApp(ReviewModule, 'review');
