// Types for the undici modules src/http/undici-parts.ts loads one by one (undici ships types for its
// entry point only). Each is a CommonJS module whose export is the named class or function.
declare module 'undici/lib/dispatcher/agent.js' {
  const Agent: typeof import('undici').Agent;
  export default Agent;
}
declare module 'undici/lib/api/api-request.js' {
  function request(this: import('undici').Dispatcher, options: import('undici').Dispatcher.RequestOptions): Promise<import('undici').Dispatcher.ResponseData>;
  export default request;
}
