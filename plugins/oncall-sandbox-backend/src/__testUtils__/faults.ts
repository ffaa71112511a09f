import request from 'supertest';
import { SandboxFault, SandboxVendor } from '../control/faults';

/** Sets `fault` on `vendor` through the control API (`PUT /__sandbox/faults/:vendor`). */
export async function setFault(
  app: Parameters<typeof request>[0],
  vendor: SandboxVendor,
  fault: SandboxFault,
): Promise<void> {
  await request(app).put(`/__sandbox/faults/${vendor}`).send(fault).expect(200);
}

/** A supertest parser that keeps the body as text, for answers that are not valid JSON. */
export function textBody(
  res: request.Response,
  done: (err: Error | null, body: string) => void,
): void {
  let text = '';
  res.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  res.on('end', () => done(null, text));
}
