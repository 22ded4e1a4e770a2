import { describe, expect, it } from '@jest/globals';
import { loadProjectorConfig, ProjectorConfigError } from './projector-config.js';

const base = { KAFKA_BROKERS: '127.0.0.1:9092', ANALYTICS_PATH: '/tmp/unused-chdb' };

describe('projector CLICKHOUSE_CLUSTER (erasure on a cluster deletes from *_local ON CLUSTER)', () => {
  it('is none unless set, and takes a plain identifier', () => {
    expect(loadProjectorConfig(base).cluster).toBeNull();
    expect(loadProjectorConfig({ ...base, CLICKHOUSE_CLUSTER: 'group_outcomes' }).cluster).toBe('group_outcomes');
  });

  it.each(['group outcomes', 'x; DROP TABLE y', ''])('refuses %j (it is spliced into SQL)', (value) => {
    expect(() => loadProjectorConfig({ ...base, CLICKHOUSE_CLUSTER: value })).toThrow(ProjectorConfigError);
  });
});
