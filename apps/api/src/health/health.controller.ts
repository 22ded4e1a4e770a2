import { Controller, Get, Header } from '@nestjs/common';
import { EventStore } from '#libs/event-store';
import { Public } from '../auth/auth.guard.js';
import { ReadPositions } from '../directory/read-positions.js';
import { defineRoute } from '../openapi/routes.js';

defineRoute({ method: 'get', path: '/health', summary: 'Liveness and readiness: event store head, each stage position and lag', tag: 'operations', status: 200, root: true, public: true });
defineRoute({ method: 'get', path: '/metrics', summary: 'Prometheus metrics', tag: 'operations', status: 200, root: true, public: true });

/**
 * Each stage (the directory, the alert book, in embedded mode the relay, the projector and the
 * alerts reactor; in production the analytics position the projector processes record) against
 * the head.
 */
@Controller()
export class HealthController {
  constructor(
    private readonly store: EventStore,
    private readonly positions: ReadPositions,
  ) {}

  private async stages() {
    const head = await this.store.headPosition();
    return { head, stages: this.positions.stages().map((m) => ({ name: m.name, position: m.position(), lag: head - m.position() })) };
  }

  @Public()
  @Get('health')
  async health() {
    const { head, stages } = await this.stages();
    return {
      status: 'ok',
      eventStore: { head: head.toString() },
      stages: stages.map((s) => ({ name: s.name, position: s.position.toString(), lag: (s.lag < 0n ? 0n : s.lag).toString() })),
    };
  }

  @Public()
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async metrics() {
    const { head, stages } = await this.stages();
    return [
      '# HELP event_store_head_position Global position of the last event in the store.',
      '# TYPE event_store_head_position gauge',
      `event_store_head_position ${head}`,
      '# HELP stage_position_events Global position each stage has processed.',
      '# TYPE stage_position_events gauge',
      ...stages.map((s) => `stage_position_events{stage="${s.name}"} ${s.position}`),
      '# HELP stage_lag_events Events appended but not yet processed, per stage.',
      '# TYPE stage_lag_events gauge',
      ...stages.map((s) => `stage_lag_events{stage="${s.name}"} ${s.lag < 0n ? 0n : s.lag}`),
      '',
    ].join('\n');
  }
}
