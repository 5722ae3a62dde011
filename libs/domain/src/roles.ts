export enum Role {
  Reporter = 'reporter',
  Editor = 'editor',
  Scheduler = 'scheduler',
  Admin = 'admin',
}

export const ALL_ROLES: readonly Role[] = [Role.Reporter, Role.Editor, Role.Scheduler, Role.Admin];
