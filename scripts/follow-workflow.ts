import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';

export interface FollowOptions {
  taskQueue: string;
  workflowId: string;
  args?: unknown[];
  /** Prints progress lines (from the workflow's `progress` query) while it runs. */
  say: (line: string) => void;
  /** The Web UI link of the run. */
  link?: (handle: WorkflowHandleWithFirstExecutionRunId) => string;
}

/**
 * Starts a workflow under a fixed id (a second caller attaches to the running one instead of
 * racing it), prints its progress once a second when it changes, and returns its result.
 */
export async function followWorkflow<T>(client: Client, workflowType: string, o: FollowOptions): Promise<T> {
  const handle = await client.workflow.start(workflowType, {
    taskQueue: o.taskQueue,
    workflowId: o.workflowId,
    args: o.args ?? [],
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  if (o.link) o.say(`      ${o.link(handle)}`);
  let last = '';
  let done = false;
  let inflight: Promise<void> | null = null;
  const ticker = setInterval(() => {
    if (inflight) return; // one query at a time
    inflight = (async () => {
      try {
        const p = await handle.query<{ step: string; stepsDone: number; stepsTotal: number }>('progress');
        const line = `      ${p.stepsDone}/${p.stepsTotal} ${p.step}`;
        // A query answered after the run ended must not print into the next step's output.
        if (line !== last && !done) o.say((last = line));
      } catch {
        /* the first workflow task may not have run yet */
      } finally {
        inflight = null;
      }
    })();
  }, 1000);
  try {
    return (await handle.result()) as T;
  } finally {
    done = true;
    clearInterval(ticker);
    // The caller closes the connection next: a query still retrying would then throw.
    await inflight;
  }
}
