import { PATH_METADATA } from '@nestjs/common/constants';
import { Role } from '@newsroom/domain';
import { ROLES } from '../auth/auth.decorators';
import { STRINGS } from '@newsroom/html';
import { DESK_PAGES, deskNav } from './desk-session';
import { PublishedDeskController } from './published-desk.controller';
import { ReporterDeskController } from './reporter-desk.controller';
import { ReviewDeskController } from './review-desk.controller';
import { RubricsDeskController } from './rubrics-desk.controller';
import { ScheduleDeskController } from './schedule-desk.controller';
import { UsersDeskController } from './users-desk.controller';
import { WebhooksDeskController } from './webhooks-desk.controller';

const CONTROLLERS = [ReporterDeskController, ReviewDeskController, ScheduleDeskController, PublishedDeskController, UsersDeskController, RubricsDeskController, WebhooksDeskController];

describe('the desk navigation', () => {
  it('offers each page to exactly the roles its controller admits', () => {
    const admitted = CONTROLLERS.map((c) => ({ href: `/${Reflect.getMetadata(PATH_METADATA, c)}`, roles: [...Reflect.getMetadata(ROLES, c)].sort() }));
    expect(DESK_PAGES.map((p) => ({ href: p.href, roles: [...p.roles].sort() }))).toEqual(expect.arrayContaining(admitted));
    expect(DESK_PAGES).toHaveLength(CONTROLLERS.length);
  });

  it('shows each role its own pages', () => {
    const labels = (roles: Role[]) => deskNav({ id: 'x', email: 'x@newsroom.test', name: 'X', roles }, '/desk/rubrics', STRINGS).map((n) => n.label);
    expect(labels([Role.Admin])).toEqual(['Pengguna', 'Rubrik', 'Webhook']);
    expect(labels([Role.Editor])).toEqual(['Antrean review', 'Kalender terbit', 'Berita terbit', 'Rubrik']);
    expect(labels([Role.Scheduler])).toEqual(['Kalender terbit', 'Berita terbit']);
    expect(labels([Role.Reporter])).toEqual(['Naskah saya']);
  });
});
