/**
 * What `require('zookeeper')` gives in the integration suites' own process (see jest.config.js): the
 * native client must not run there. It can leave a libuv poll handle on a socket it has closed, and
 * closing that handle later takes a reused descriptor out of epoll; when that descriptor's owner then
 * changes what it waits for, libuv aborts the process, and the whole run dies without a message.
 * Suites use ZooKeeper registries and probes through a RegistryHost, a child process that holds them.
 */
throw new Error(
  'a native ZooKeeper client may not run in the test process: use RegistryHost ' +
    '(libs/registry/src/testing/host/registry-host.ts), which holds it in a child process',
);
