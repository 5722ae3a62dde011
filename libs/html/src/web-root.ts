import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where the site's and the desk's templates and static assets live: `libs/html/web` in
 * the repository. tsc copies no .hbs/.css files, so rather than a copy step
 * that every build command (npm run build, a helper's `tsc --outDir`) would
 * have to remember, the folder is found from the repository root: the nearest
 * folder above this file with a package.json, whether it runs from src/, dist/
 * or any other build directory. The Docker image copies the folder alongside dist/.
 */
export const WEB_ROOT: string = (() => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'libs', 'html', 'web');
})();

export const TEMPLATES_DIR = join(WEB_ROOT, 'templates');
export const ASSETS_DIR = join(WEB_ROOT, 'assets');
