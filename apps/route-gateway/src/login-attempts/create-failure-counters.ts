import { createRedisClient, RedisClient } from '@cim/session-store';
import { redisConnection } from '@cim/config';
import { IRateLimiterOptions, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { GatewayEnv } from '../config/gateway.env';
import { LoginFailureCounters } from './failure-counter';
import { RateLimiterFailureCounter } from './rate-limiter-failure-counter';
import { RedisFailureCounter } from './redis-failure-counter';

type LimitsEnv = Pick<
  GatewayEnv,
  | 'CIM_STORE'
  | 'CIM_REDIS_URL'
  | 'CIM_REDIS_CLUSTER_NODES'
  | 'CIM_LOGIN_MAX_FAILURES_PER_USER'
  | 'CIM_LOGIN_MAX_FAILURES_PER_ADDRESS'
  | 'CIM_LOGIN_FAILURE_WINDOW_SEC'
  | 'CIM_LOGIN_BLOCK_SEC'
  | 'CIM_RESUME_MAX_FAILURES_PER_ADDRESS'
>;

/**
 * The failed-login counters: in the session store's Redis when CIM_STORE=redis, so that every gateway
 * sees the same counts, else in this process's memory (the embedded mode has one gateway).
 */
export function createFailureCounters(env: LimitsEnv): LoginFailureCounters {
  const redis = env.CIM_STORE === 'redis' ? connect(env) : undefined;
  const counter = (keyPrefix: string, points: number) => {
    const options: IRateLimiterOptions = { keyPrefix, points, duration: env.CIM_LOGIN_FAILURE_WINDOW_SEC };
    if (!redis) return new RateLimiterFailureCounter(new RateLimiterMemory(options), env.CIM_LOGIN_BLOCK_SEC);
    const limiter = new RateLimiterRedis({ ...options, storeClient: redis });
    return new RedisFailureCounter(limiter, env.CIM_LOGIN_BLOCK_SEC, redis);
  };
  return {
    perUser: counter('cim:login-failures:user', env.CIM_LOGIN_MAX_FAILURES_PER_USER),
    perAddress: counter('cim:login-failures:address', env.CIM_LOGIN_MAX_FAILURES_PER_ADDRESS),
    resumesPerAddress: counter('cim:resume-failures:address', env.CIM_RESUME_MAX_FAILURES_PER_ADDRESS),
    close: async () => {
      redis?.disconnect();
    },
  };
}

/**
 * A client (one Redis or the cluster, as the session store's) that fails fast while Redis is down (the
 * login then answers 503) and reconnects by itself. Each counter is one key, so it runs on a cluster.
 * The checks of one tick leave in one write (auto-pipelining); the limiter's MULTIs are sent as they come.
 */
function connect(env: LimitsEnv): RedisClient {
  const redis = createRedisClient(redisConnection(env));
  // Errors reach the login that needed Redis (503); the session store's client logs the outage.
  redis.on('error', () => undefined);
  return redis;
}
