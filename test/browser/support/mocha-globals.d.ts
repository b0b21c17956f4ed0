// The few Mocha globals the browser tests use (@web/test-runner runs Mocha; @types/mocha is not installed).
interface MochaContext {
  timeout(ms: number): void;
}
type MochaHook = (this: MochaContext) => void | Promise<unknown>;
declare function describe(title: string, body: (this: MochaContext) => void): void;
declare function it(title: string, body: MochaHook): void;
declare function before(body: MochaHook): void;
declare function after(body: MochaHook): void;
declare function beforeEach(body: MochaHook): void;
declare function afterEach(body: MochaHook): void;
declare namespace it {
  /** A test that is listed as skipped, not run (say why next to it). */
  function skip(title: string, body: MochaHook): void;
}
