import { ChangeDetectionStrategy, Component, input } from '@angular/core';

@Component({
  selector: 'ccp-coming-soon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ area() }}</h1>
    <p>{{ area() }} is coming soon.</p>
  `,
})
export class ComingSoonComponent {
  /** Bound from the route's data. */
  readonly area = input.required<string>();
}
