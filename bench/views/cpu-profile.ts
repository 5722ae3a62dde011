import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { basename, dirname, join } from 'node:path';

/**
 * Preloaded by the probe (`--require`) into the processes it starts, since
 * NODE_OPTIONS may not carry --cpu-prof: profiles the whole process and writes
 * `<app>-<pid>.cpuprofile` into PROFILE_DIR when asked to stop (SIGTERM, before
 * the app's own shutdown) or on exit, whichever comes first.
 */
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.start');
let written = false;
const write = () => {
  if (written) return;
  written = true;
  // an in-process session answers synchronously, so this works inside 'exit' too
  session.post('Profiler.stop', (error, result) => {
    const app = basename(dirname(dirname(process.argv[1] ?? 'node')));
    if (!error) writeFileSync(join(process.env.PROFILE_DIR ?? '.', `${app}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
};
process.prependListener('SIGTERM', write);
process.on('exit', write);
