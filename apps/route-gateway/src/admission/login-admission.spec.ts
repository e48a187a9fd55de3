import { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, Subject } from 'rxjs';
import { loadConfig } from '@cim/config';
import { GatewayEnv } from '../config/gateway.env';
import { gatewayErrorAnswers } from '../errors/http-error-answers';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { ClientGoneError, GatewayBusyError } from './admission.errors';
import { LoginAdmission } from './login-admission';
import { LoginGate } from './login-gate';

/** The admission of a gateway allowing `max` logins under way, with counting metrics. */
function admission(max: number, retryAfterSec = 2) {
  const env = loadConfig(GatewayEnv, {
    CIM_MAX_LOGINS_UNDER_WAY: String(max),
    CIM_BUSY_RETRY_AFTER_SEC: String(retryAfterSec),
  });
  const metrics = { shed: jest.fn(), abandoned: jest.fn(), failed: jest.fn() };
  const gate = new LoginGate(env, metrics as unknown as GatewayMetrics);
  return { gate, metrics, admission: new LoginAdmission(gate, metrics as unknown as GatewayMetrics) };
}

/** An HTTP request as the interceptor sees it, its client's socket open or closed. */
function request(socketClosed = false): ExecutionContext {
  const raw = { socket: { destroyed: socketClosed } };
  return { switchToHttp: () => ({ getRequest: () => ({ raw }) }) } as unknown as ExecutionContext;
}

/** A login handler that answers when the test says. */
function handler() {
  const answer = new Subject<string>();
  const handle = jest.fn(() => answer.asObservable());
  return { next: { handle } as CallHandler, handle, finish: () => (answer.next('ok'), answer.complete()) };
}

describe('LoginAdmission', () => {
  it('answers 503 with Retry-After at once past the bound, and admits again when one is done', async () => {
    const { admission: a, gate, metrics } = admission(2, 2);
    const first = handler();
    const second = handler();
    const answered = lastValueFrom(a.intercept(request(), first.next));
    a.intercept(request(), second.next).subscribe();
    expect(gate.inFlight).toBe(2);

    const third = handler();
    let refusal: unknown;
    try {
      a.intercept(request(), third.next);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(GatewayBusyError);
    expect(third.handle).not.toHaveBeenCalled();
    expect(metrics.shed).toHaveBeenCalledTimes(1);
    expect(gatewayErrorAnswers(metrics as unknown as GatewayMetrics).classify!(refusal)).toEqual({
      status: 503,
      message: 'the gateway is busy with 2 logins already; try again in 2 s',
      headers: { 'retry-after': '2' },
    });

    first.finish();
    await expect(answered).resolves.toBe('ok');
    expect(gate.inFlight).toBe(1);
    const fourth = handler();
    a.intercept(request(), fourth.next).subscribe();
    expect(fourth.handle).toHaveBeenCalled();
    expect(gate.inFlight).toBe(2);
  });

  it('gives the place back when the login fails', async () => {
    const { admission: a, gate } = admission(1);
    const failing: CallHandler = { handle: () => new Subject<never>().asObservable() };
    const subscription = a.intercept(request(), failing).subscribe({ error: () => undefined });
    expect(gate.inFlight).toBe(1);
    subscription.unsubscribe();
    expect(gate.inFlight).toBe(0);
  });

  it('does not work on a request whose client has closed its connection', () => {
    const { admission: a, gate, metrics } = admission(4);
    const login = handler();
    expect(() => a.intercept(request(true), login.next)).toThrow(ClientGoneError);
    expect(login.handle).not.toHaveBeenCalled();
    expect(gate.inFlight).toBe(0);
    expect(metrics.abandoned).toHaveBeenCalledTimes(1);
  });

  it('refuses a bound that is not a positive whole number at start-up, naming the variable', () => {
    expect(() => loadConfig(GatewayEnv, { CIM_MAX_LOGINS_UNDER_WAY: '0' })).toThrow(
      /CIM_MAX_LOGINS_UNDER_WAY/,
    );
    expect(() => loadConfig(GatewayEnv, { CIM_BUSY_RETRY_AFTER_SEC: 'soon' })).toThrow(
      /CIM_BUSY_RETRY_AFTER_SEC/,
    );
  });
});
