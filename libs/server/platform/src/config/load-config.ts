import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { AppConfig } from './app-config';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map(
      (constraint) => `${error.property}: ${constraint} (got ${JSON.stringify(error.value)})`,
    ),
  );
}

/**
 * Builds the configuration from an environment (process.env at boot, a plain object in tests).
 * Unknown variables are ignored; empty strings count as unset so `FOO=` in a .env file falls back
 * to the default. Throws one error listing every invalid variable.
 */
export function loadConfig(environment: Record<string, string | undefined>): AppConfig {
  const known = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(AppConfig, '', true, false)
      .map((metadata) => metadata.propertyName),
  );
  const provided = Object.fromEntries(
    Object.entries(environment).filter(
      ([name, value]) => known.has(name) && value !== undefined && value !== '',
    ),
  );
  const config = plainToInstance(AppConfig, provided, { exposeDefaultValues: true });
  const problems = describe(validateSync(config, { forbidUnknownValues: true }));
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return config;
}

/** The only read of process.env in the code base: once, at process start. */
export function readConfigFromEnvironment(): AppConfig {
  return loadConfig(process.env);
}
