import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ZodType, ZodTypeDef } from 'zod';

/**
 * Reads the optional config section `key` (absent: `{}`) with `schema`; a bad value is an
 * InputError naming its full key, so startup fails with the key to fix.
 */
export function readConfigSection<T>(
  config: Config,
  key: string,
  schema: ZodType<T, ZodTypeDef, unknown>,
): T {
  const section = config.getOptionalConfig(key);
  const parsed = schema.safeParse(section?.get() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${key}.${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
