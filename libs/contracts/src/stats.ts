import type { ConversationType } from './conversations';

export interface PlatformStats {
  agents: {
    total: number;
    /** Unified status → count. */
    byStatus: Record<string, number>;
    /** Referenced by a vendor but not yet linked to a person. */
    unmapped: number;
  };
  conversations: {
    active: Record<ConversationType, number>;
    /** Started since midnight UTC. */
    today: Record<ConversationType, number>;
  };
  sync: {
    /** Over the last hour; null when nothing ran. */
    successRate: number | null;
    succeeded: number;
    failed: number;
    skipped: number;
  };
  webhooks: {
    /** Average over the last 15 minutes. */
    perMinute: number;
    dead: number;
    failed: number;
  };
  generatedAt: string;
}
