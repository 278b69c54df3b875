/**
 * Task queues: the workflows and the warehouse/setup activities run on the main queue; each
 * external source has a queue of its own (`<main>-tmdb`, …) whose workers cap the activity rate
 * for the whole queue, so a source's limit holds however many workers poll it (README, "Limits").
 * Pure: the workflows derive the names from their own task queue.
 */
export const SOURCE_QUEUES = ['tmdb', 'omdb', 'rotten-tomatoes', 'metacritic'] as const;
export type SourceQueue = (typeof SOURCE_QUEUES)[number];

export function sourceTaskQueue(mainQueue: string, source: SourceQueue): string {
  return `${mainQueue}-${source}`;
}
