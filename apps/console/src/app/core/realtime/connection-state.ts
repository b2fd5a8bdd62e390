/** What the connection indicator shows: `reconnecting` covers every attempt the client will make by itself. */
export type ConnectionState = 'connected' | 'reconnecting' | 'offline';
