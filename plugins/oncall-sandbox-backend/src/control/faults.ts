import { z } from 'zod';

/** The vendors the sandbox fakes. @public */
export const SANDBOX_VENDORS = [
  'opsgenie',
  'blameless',
  'datadog',
  'jsm',
  'pagerduty',
] as const;

/** One of {@link SANDBOX_VENDORS}. @public */
export type SandboxVendor = (typeof SANDBOX_VENDORS)[number];

/** Body of `PUT /__sandbox/faults/:vendor`. */
export const faultSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    errorRate: z.number().min(0).max(1).optional(),
    mode: z.enum(['ok', 'error', 'rate-limit', 'hang', 'malformed']).optional(),
    status: z.number().int().min(400).max(599).optional(),
  })
  .strict();

/** A fault injected into one vendor's responses. @public */
export type SandboxFault = z.infer<typeof faultSchema>;

/** Runtime-switchable faults per vendor. @public */
export class FaultRegistry {
  private readonly faults = new Map<SandboxVendor, SandboxFault>();
  private readonly listeners = new Set<() => void>();

  get(vendor: SandboxVendor): SandboxFault | undefined {
    return this.faults.get(vendor);
  }

  set(vendor: SandboxVendor, fault: SandboxFault): void {
    this.faults.set(vendor, fault);
    this.notify();
  }

  clear(): void {
    this.faults.clear();
    this.notify();
  }

  snapshot(): Partial<Record<SandboxVendor, SandboxFault>> {
    return Object.fromEntries(this.faults);
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Number of change listeners (requests held by a `hang` fault). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  private notify() {
    for (const listener of [...this.listeners]) {
      listener();
    }
  }
}
