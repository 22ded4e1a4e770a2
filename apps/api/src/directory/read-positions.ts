import { Injectable } from '@nestjs/common';

export interface ReadModel {
  readonly name: string;
  position(): bigint;
  waitFor(position: bigint, timeoutMs: number): Promise<boolean>;
}

export interface BackgroundStage {
  readonly name: string;
  position(): bigint;
}

/**
 * Every read model the api answers from (the directory; the analytics projection when it runs
 * in this process). `?minPosition=` waits until all of them have reached a position.
 */
@Injectable()
export class ReadPositions {
  private readonly models: ReadModel[] = [];
  private readonly background: BackgroundStage[] = [];

  register(model: ReadModel): void {
    this.models.push(model);
  }

  /** A stage /health reports that GETs do not read from (the alerts reactor): `?minPosition=` does not wait for it. */
  registerBackground(stage: BackgroundStage): void {
    this.background.push(stage);
  }

  all(): readonly ReadModel[] {
    return this.models;
  }

  /** Every stage /health and /metrics report: the read models, then the background stages. */
  stages(): readonly BackgroundStage[] {
    return [...this.models, ...this.background];
  }

  /** The lowest position every read model has reached (what `asOf` may honestly say). */
  asOf(): bigint {
    return this.models.reduce((low, m) => (m.position() < low ? m.position() : low), this.models[0]?.position() ?? 0n);
  }

  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    const results = await Promise.all(this.models.map((m) => m.waitFor(position, timeoutMs)));
    return results.every(Boolean);
  }
}
