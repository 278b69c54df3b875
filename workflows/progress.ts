import { defineQuery, setCurrentDetails, setHandler } from '@temporalio/workflow';

/** What a run is doing, for the Web UI ("current details") and for `progress` queries. */
export interface Progress {
  workflow: string;
  step: string;
  stepsDone: number;
  stepsTotal: number;
  startedAt: string;
  notes: string[];
}

export const progressQuery = defineQuery<Progress>('progress');

export class ProgressTracker {
  private readonly state: Progress;

  constructor(workflow: string, stepsTotal: number) {
    this.state = { workflow, step: 'starting', stepsDone: 0, stepsTotal, startedAt: new Date().toISOString(), notes: [] };
    setHandler(progressQuery, () => this.state);
    this.render();
  }

  /** Marks a new step as current. */
  step(name: string): void {
    this.state.step = name;
    this.render();
  }

  done(note?: string): void {
    this.state.stepsDone += 1;
    if (note) this.state.notes.push(note);
    this.render();
  }

  finish(): void {
    this.state.step = 'finished';
    this.render();
  }

  private render(): void {
    const s = this.state;
    const notes = s.notes.map((n) => `- ${n}`).join('\n');
    setCurrentDetails(`**${s.workflow}**: step ${Math.min(s.stepsDone + 1, s.stepsTotal)}/${s.stepsTotal} — ${s.step}\n\n${notes}`);
  }
}
