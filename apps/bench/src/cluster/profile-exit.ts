// Preloaded (node -r) into a profiled cim process: SIGUSR2 exits normally, so that --cpu-prof writes
// its profile (a process killed by a signal writes none).
process.on('SIGUSR2', () => process.exit(0));
