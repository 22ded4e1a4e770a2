import { describe, expect, it } from '@jest/globals';
import { loadProjectorConfig, ProjectorConfigError } from './projector-config.js';

const base = { KAFKA_BROKERS: '127.0.0.1:9092', ANALYTICS_PATH: '/tmp/unused-chdb' };

describe('projector FAULT_CRASH_AT (test-only crash point)', () => {
  it('is off unless set', () => {
    expect(loadProjectorConfig(base).crashAt).toBeNull();
  });

  it('reads after-insert:<n>', () => {
    expect(loadProjectorConfig({ ...base, FAULT_CRASH_AT: 'after-insert:2' }).crashAt).toEqual({ point: 'after-insert', batch: 2 });
  });

  it.each(['after-publish:2', 'after-insert:0', 'after-insert'])('refuses %s', (value) => {
    expect(() => loadProjectorConfig({ ...base, FAULT_CRASH_AT: value })).toThrow(ProjectorConfigError);
  });
});
