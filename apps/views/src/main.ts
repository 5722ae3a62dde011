import 'reflect-metadata';
import { runWorkerApp } from '@newsroom/queue';
import { ViewsModule } from './views.module';

void runWorkerApp(ViewsModule, 'views');
