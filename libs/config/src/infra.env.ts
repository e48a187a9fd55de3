import { IsIn, IsInt, IsString, Max, Min, MinLength, ValidateIf } from 'class-validator';

/** Variables every server process shares: where the session store and registry are, and logging. */
export class InfraEnv {
  /** 'memory' runs on the in-process store (embedded mode); 'redis' on CIM_REDIS_URL. */
  @IsIn(['memory', 'redis'])
  CIM_STORE: 'memory' | 'redis' = 'memory';

  @ValidateIf((env: InfraEnv) => env.CIM_STORE === 'redis')
  @IsString()
  @MinLength(1)
  CIM_REDIS_URL = 'redis://127.0.0.1:6379';

  /** 'memory' runs on the in-process registry (embedded mode); 'zookeeper' on CIM_ZK_CONNECT. */
  @IsIn(['memory', 'zookeeper'])
  CIM_REGISTRY: 'memory' | 'zookeeper' = 'memory';

  @ValidateIf((env: InfraEnv) => env.CIM_REGISTRY === 'zookeeper')
  @IsString()
  @MinLength(1)
  CIM_ZK_CONNECT = '127.0.0.1:2181';

  @IsInt()
  @Min(1000)
  @Max(120000)
  CIM_ZK_SESSION_TIMEOUT_MS = 10000;

  @IsString()
  @MinLength(1)
  CIM_ZK_ROOT = '/cim';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  CIM_LOG_LEVEL = 'info';
}
