import { InfraEnv } from './infra.env';
import { loadConfig } from './load-config';
import { parseClusterNodes, redisConnection } from './infra.env';

describe('CIM_REDIS_CLUSTER_NODES', () => {
  it('reads host:port entries and redis:// URLs with one password', () => {
    expect(parseClusterNodes('a:7000, redis://:s%40cret@b:7001')).toEqual({
      clusterNodes: [
        { host: 'a', port: 7000 },
        { host: 'b', port: 7001 },
      ],
      password: 's@cret',
    });
    expect(parseClusterNodes('redis://:p@redis-cluster:6379')).toEqual({
      clusterNodes: [{ host: 'redis-cluster', port: 6379 }],
      password: 'p',
    });
  });

  it('chooses the cluster when set, else the URL', () => {
    const env = { CIM_REDIS_URL: 'redis://one:6379', CIM_REDIS_CLUSTER_NODES: '' };
    expect(redisConnection(env)).toBe('redis://one:6379');
    expect(redisConnection({ ...env, CIM_REDIS_CLUSTER_NODES: 'a:1' })).toEqual({
      clusterNodes: [{ host: 'a', port: 1 }],
    });
  });

  it('reads a user name with the password', () => {
    expect(parseClusterNodes('redis://app:pw@a:7000,b:7001')).toEqual({
      clusterNodes: [
        { host: 'a', port: 7000 },
        { host: 'b', port: 7001 },
      ],
      password: 'pw',
      username: 'app',
    });
  });

  it('names every form it accepts when it refuses an entry', () => {
    expect(() => loadConfig(InfraEnv, { CIM_REDIS_CLUSTER_NODES: 'a' })).toThrow(
      'host:port or redis://[user][:password@]host:port',
    );
  });

  it.each(['a', 'a:', 'a:70000', 'http://a:1', 'redis://a', 'a:1,,b:2', 'redis://:x@a:1,redis://:y@b:2'])(
    'stops the process at start-up for %p, naming the variable',
    (value) => {
      expect(() => loadConfig(InfraEnv, { CIM_REDIS_CLUSTER_NODES: value })).toThrow(
        /CIM_REDIS_CLUSTER_NODES/,
      );
    },
  );
});
