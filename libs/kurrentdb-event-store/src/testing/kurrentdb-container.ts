import { GenericContainer, Wait } from 'testcontainers';

/**
 * A real KurrentDB in a container, for running the contract where a container runtime
 * exists. The settings restate the official Testcontainers KurrentDB module
 * (https://github.com/testcontainers/testcontainers-node/tree/main/packages/modules/kurrentdb:
 * image kurrentplatform/kurrentdb:25.0, single node, insecure, health-check wait): the
 * registry only serves that module as 12.x, which needs testcontainers 12 and Node >= 22.22,
 * while this project runs Node 20 with testcontainers 11.9.0.
 */
export const KURRENTDB_IMAGE = 'kurrentplatform/kurrentdb:25.0';
const HTTP_AND_GRPC_PORT = 2113;

export interface RunningKurrentDb {
  readonly connectionString: string;
  readonly stop: () => Promise<void>;
}

export async function startKurrentDbContainer(image = KURRENTDB_IMAGE): Promise<RunningKurrentDb> {
  const container = await new GenericContainer(image)
    .withExposedPorts(HTTP_AND_GRPC_PORT)
    .withEnvironment({
      KURRENTDB_CLUSTER_SIZE: '1',
      KURRENTDB_RUN_PROJECTIONS: 'All',
      KURRENTDB_START_STANDARD_PROJECTIONS: 'true',
      KURRENTDB_INSECURE: 'true',
    })
    .withStartupTimeout(120_000)
    .withWaitStrategy(Wait.forHealthCheck())
    .start();
  const address = `${container.getHost()}:${container.getMappedPort(HTTP_AND_GRPC_PORT)}`;
  return {
    connectionString: `kurrentdb://${address}?tls=false&discoveryInterval=10`,
    stop: async () => void (await container.stop()),
  };
}
