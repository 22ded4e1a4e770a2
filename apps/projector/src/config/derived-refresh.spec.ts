import { describe, expect, it } from '@jest/globals';
import { loadProjectorConfig, ProjectorConfigError } from './projector-config.js';

const base = { KAFKA_BROKERS: 'localhost:9092', ANALYTICS_PATH: '/tmp/analytics' };

describe('DERIVED_REFRESH_MS', () => {
  it('defers the derived-table refresh by 500 ms unless told otherwise; 0 refreshes in each batch', () => {
    expect(loadProjectorConfig(base).derivedRefreshMs).toBe(500);
    expect(loadProjectorConfig({ ...base, DERIVED_REFRESH_MS: '0' }).derivedRefreshMs).toBe(0);
    expect(loadProjectorConfig({ ...base, DERIVED_REFRESH_MS: '2000' }).derivedRefreshMs).toBe(2000);
  });

  it('refuses a negative or non-numeric interval, naming the setting', () => {
    expect(() => loadProjectorConfig({ ...base, DERIVED_REFRESH_MS: '-1' })).toThrow(ProjectorConfigError);
    expect(() => loadProjectorConfig({ ...base, DERIVED_REFRESH_MS: 'soon' })).toThrow(/DERIVED_REFRESH_MS/);
  });
});
