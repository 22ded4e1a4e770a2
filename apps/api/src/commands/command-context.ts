import type { Principal } from '#libs/jwt';

/** Who asks and under which correlation: carried into every event's metadata. */
export interface CommandContext {
  readonly principal: Principal;
  readonly correlationId: string;
}
