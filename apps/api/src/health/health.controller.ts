import { Controller, Get, Header } from '@nestjs/common';
import { EventStore } from '#libs/event-store';
import { Public } from '../auth/auth.guard.js';
import { Directory } from '../directory/directory.js';
import { defineRoute } from '../openapi/routes.js';

defineRoute({ method: 'get', path: '/health', summary: 'Liveness and readiness: event store head, each read model position and lag', tag: 'operations', status: 200, root: true, public: true });
defineRoute({ method: 'get', path: '/metrics', summary: 'Prometheus metrics', tag: 'operations', status: 200, root: true, public: true });

@Controller()
export class HealthController {
  constructor(
    private readonly store: EventStore,
    private readonly directory: Directory,
  ) {}

  @Public()
  @Get('health')
  async health() {
    const head = await this.store.headPosition();
    const directory = this.directory.position();
    return {
      status: 'ok',
      eventStore: { head: head.toString() },
      readModels: [{ name: 'directory', position: directory.toString(), lag: (head - directory).toString() }],
    };
  }

  @Public()
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async metrics() {
    const head = await this.store.headPosition();
    const directory = this.directory.position();
    return [
      '# HELP event_store_head_position Global position of the last event in the store.',
      '# TYPE event_store_head_position gauge',
      `event_store_head_position ${head}`,
      '# HELP read_model_lag_events Events appended but not yet applied, per read model.',
      '# TYPE read_model_lag_events gauge',
      `read_model_lag_events{model="directory"} ${head - directory}`,
      '',
    ].join('\n');
  }
}
