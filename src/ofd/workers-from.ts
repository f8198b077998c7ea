/** Below this many reports the OFD stage converts on the build's own thread: starting worker threads would cost more than it saves. */
export const WORKERS_FROM = 8;
