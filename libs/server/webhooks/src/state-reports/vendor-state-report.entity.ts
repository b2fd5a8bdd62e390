import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The last state report applied per subject (see parsing/state-report.ts). */
@Entity({ name: 'vendor_state_reports' })
export class VendorStateReportEntity {
  @PrimaryColumn({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  value!: string;

  /** When the applied report's webhook was received: reports received earlier are stale. */
  @Index('vendor_state_reports_received_at_idx')
  @Column({ type: 'timestamptz' })
  receivedAt!: Date;
}
