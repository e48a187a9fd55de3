import type { Cluster, Redis } from 'ioredis';

/** One Redis node or a Redis Cluster: the store speaks to either through the same commands. */
export type RedisClient = Redis | Cluster;
