// class-transformer reads the declared property types through reflect-metadata.
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`),
    ...flatten(e.children ?? []),
  ]);
}

/**
 * Reads a config class from the environment: defaults come from the class,
 * strings are converted to the declared types, and every problem is reported at once.
 */
export function loadConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(cls, defined, { enableImplicitConversion: true, exposeDefaultValues: true });
  const problems = flatten(validateSync(config, { skipMissingProperties: false }));
  const custom = (config as { problems?: () => string[] }).problems?.() ?? [];
  if (problems.length + custom.length) throw new ConfigError([...problems, ...custom]);
  return config;
}
