import { Pipe, type PipeTransform } from '@angular/core';

import { formatTimeInState } from './time-in-state.format';

/** `statusSince | timeInState: now`: pure, so it reruns only when the shared clock ticks. */
@Pipe({ name: 'timeInState' })
export class TimeInStatePipe implements PipeTransform {
  transform(since: string, now: number): string {
    return formatTimeInState(since, now);
  }
}
