import { type CircuitName } from '../resilience/connector-policy';
import { type WindowStats } from './call-window';

export type InterfaceState = 'up' | 'degraded' | 'down';

/**
 * down: the circuit is open, or (with at least 3 recent calls) nearly all of them failed;
 * degraded: the circuit is probing (half-open) or at least a fifth of 5+ recent calls failed;
 * up otherwise.
 */
export function interfaceState(
  circuit: CircuitName,
  window: Pick<WindowStats, 'calls' | 'errorRate'>,
): InterfaceState {
  if (circuit === 'open' || (window.calls >= 3 && window.errorRate >= 0.9)) return 'down';
  if (circuit === 'half_open' || (window.calls >= 5 && window.errorRate >= 0.2)) return 'degraded';
  return 'up';
}
