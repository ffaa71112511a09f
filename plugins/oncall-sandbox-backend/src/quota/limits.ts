import { readFileSync } from 'node:fs';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { SANDBOX_VENDORS, SandboxVendor } from '../control/faults';
import { QuotaWindow, parseRates } from './rates';
import { VENDOR_QUOTAS, perVendor } from './vendorQuotas';

/** The windows of every vendor's rate-limit domains; `[]` lifts a domain's limit. @public */
export type QuotaLimits = Record<SandboxVendor, Record<string, QuotaWindow[]>>;

function isVendor(value: string): value is SandboxVendor {
  return SANDBOX_VENDORS.some(v => v === value);
}

/** Every domain at its default (see {@link VENDOR_QUOTAS}). @public */
export function defaultQuotaLimits(): QuotaLimits {
  return perVendor(vendor =>
    Object.fromEntries(
      Object.entries(VENDOR_QUOTAS[vendor].domains).map(([id, domain]) => [
        id,
        domain.windows.map(w => ({ ...w })),
      ]),
    ),
  );
}

/**
 * Sets the windows of `vendor` / `domain` from a rate list (`10/s,600/min`, `off`). `where`
 * names the flag or config key, so every error points at what to fix.
 */
export function setQuotaLimit(
  limits: QuotaLimits,
  vendor: string,
  domain: string,
  rates: string,
  where: string,
): void {
  if (!isVendor(vendor)) {
    throw new InputError(
      `${where}: unknown vendor '${vendor}'; use one of ${SANDBOX_VENDORS.join(
        ', ',
      )}`,
    );
  }
  const domains = Object.keys(VENDOR_QUOTAS[vendor].domains);
  if (!domains.includes(domain)) {
    throw new InputError(
      `${where}: ${vendor} has no rate-limit domain '${domain}'; use one of ${domains.join(
        ', ',
      )}`,
    );
  }
  limits[vendor][domain] = parseRates(rates, where);
}

const quotaFileSchema = z.record(z.record(z.string()));

/** Reads a JSON file of limits, `{ "opsgenie": { "configuration": "10/s,600/min" } }`. */
function applyFile(
  limits: QuotaLimits,
  path: string,
  readFile: (path: string) => string,
): void {
  const where = `--quota ${path}`;
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    const code =
      typeof error === 'object' && error !== null && 'code' in error
        ? String(error.code)
        : 'unreadable';
    throw new InputError(`${where}: cannot read the file (${code})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`${where}: not valid JSON`);
  }
  const parsed = quotaFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `${where}: ${
        issue.path.join('.') || 'the file'
      } must be an object of vendors, each mapping domains to rates such as "10/s,600/min" (${
        issue.message
      })`,
    );
  }
  for (const [vendor, domains] of Object.entries(parsed.data)) {
    for (const [domain, rates] of Object.entries(domains)) {
      setQuotaLimit(
        limits,
        vendor,
        domain,
        rates,
        `${where}: ${vendor}.${domain}`,
      );
    }
  }
}

/**
 * Quota limits from the `--quota` flags of the standalone sandbox, applied in order over the
 * defaults: `defaults` (nothing to change), `<vendor>.<domain>=<rates>` (e.g.
 * `opsgenie.schedule-oncalls=5/s,300/min`, `datadog.slo_history=off`), or the path of a JSON
 * file of limits. Each error names the flag it comes from.
 *
 * @public
 */
export function quotaFromFlags(
  flags: string[],
  readFile: (path: string) => string = path => readFileSync(path, 'utf8'),
): QuotaLimits {
  const limits = defaultQuotaLimits();
  for (const flag of flags) {
    const value = flag.trim();
    const assignment = /^([^=.\s]+)\.([^=\s]+)=(.*)$/.exec(value);
    if (value === 'defaults') {
      continue;
    } else if (assignment) {
      const [, vendor, domain, rates] = assignment;
      setQuotaLimit(limits, vendor, domain, rates, `--quota ${value}`);
    } else if (value.includes('=')) {
      throw new InputError(
        `--quota ${value}: write <vendor>.<domain>=<rates>, e.g. opsgenie.configuration=10/s,600/min`,
      );
    } else if (value === '') {
      throw new InputError(
        `--quota needs 'defaults', <vendor>.<domain>=<rates> or the path of a JSON file`,
      );
    } else {
      applyFile(limits, value, readFile);
    }
  }
  return limits;
}
