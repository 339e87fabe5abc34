import { type ActionStatus } from '../../actions/action.entity';
import { type TaskKind, type TaskStatus } from '../../tasks/task.entity';

/** The words the console uses for the hub's codes. */
export const TASK_KIND: Record<TaskKind, string> = {
  action_failed: 'Action failed',
  action_unknown_outcome: 'Action may have run',
  refund_approval: 'Refund waits for approval',
  remedy_approval: 'Remedy waits for approval',
  interface_down: 'Interface down',
};

export const TASK_STATUS: Record<TaskStatus, string> = {
  open: 'Open',
  claimed: 'Claimed',
  resolved: 'Resolved',
};

export const OUTCOME: Record<string, string> = {
  done: 'Done by hand',
  cancelled: 'Cancelled: it will not be done',
  approved: 'Approve: the hub carries it out',
  rejected: 'Reject: nothing is done',
  recovered: 'Recovered: the interface answered again',
};

export const ACTION_STATUS: Record<ActionStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  retrying: 'Retrying',
  succeeded: 'Succeeded',
  failed: 'Failed',
  manual: 'With a person',
  cancelled: 'Cancelled',
};
